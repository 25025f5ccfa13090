#include "service/reports/report_pdf.h"

#include <cstdio>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/crypto.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

constexpr double kPageWidth = 595.28;   // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kTop = 90.0;           // below the page header
constexpr double kBottom = kPageHeight - 56.0;
constexpr double kQrSize = 84.0;
constexpr const char* kFont = "WenQuanYi Micro Hei";
constexpr const char* kTrailer = "%XINYONG-SIGNATURE ";

struct Block {
  std::string text;
  double size = 10.5;
  bool bold = false;
  double gap_before = 4;
  double indent = 0;
};

// The report's text, top to bottom.
std::vector<Block> Blocks(const Json& c, const std::string& digest) {
  std::vector<Block> out;
  out.push_back({c.value("title", "信用报告"), 18, true, 0});
  const Json& s = c["subject"];
  out.push_back({"信用主体：" + s.value("name", "") + "　统一社会信用代码：" + s.value("code", ""), 10.5, false, 14});
  out.push_back({"报告用途：" + c["purpose"].value("name", ""), 10.5, false, 4});
  if (c["period"].is_object()) {
    out.push_back({"报告期间：" + c["period"].value("from", "") + " 至 " + c["period"].value("to", ""), 10.5, false, 4});
  }
  if (c["fields"].is_array() && !c["fields"].empty()) {
    std::string f;
    for (const auto& x : c["fields"]) f += (f.empty() ? "" : "、") + x.get<std::string>();
    out.push_back({"领域：" + f, 10.5, false, 4});
  }
  out.push_back({"数据截止时间：" + c.value("cutoff", "") + "（UTC）　有效期至：" + c.value("valid_until", ""), 10.5, false, 4});
  for (const auto& sec : c["sections"]) {
    out.push_back({sec.value("name", ""), 13, true, 16});
    for (const auto& r : sec["records"]) {
      std::string line = r.value("item_name", "") + "　" + r.value("key", "") + "　决定日期 " +
                         r.value("decision_date", "") + "　" + r.value("state", "");
      out.push_back({line, 10.5, false, 5, 12});
    }
    for (const auto& e : sec["lists"]) {
      std::string name = e.value("list_kind", "") == "red" ? "红名单" : "严重失信主体名单";
      out.push_back({name + "：" + e.value("basis", "") + "（" + e.value("valid_from", "") + " 至 " +
                         (e.value("valid_until", "").empty() ? std::string("移出之日") : e.value("valid_until", "")) + "）　" +
                         e.value("state", ""),
                     10.5, false, 5, 12});
    }
    if (sec.contains("commitments")) {
      for (const auto& x : sec["commitments"]) {
        out.push_back({x.value("kind_name", "") + "：" + x.value("matter", "") + "（承诺编码 " +
                           x.value("code", "") + "，" + x.value("made_on", "") + "）",
                       10.5, false, 5, 12});
      }
    }
    if (sec.contains("evaluation") && sec["evaluation"].is_object()) {
      const auto& e = sec["evaluation"];
      char score[32];
      std::snprintf(score, sizeof score, "%.1f", e.value("score", 0.0));
      out.push_back({"公共信用综合评价：" + e.value("grade", "") + "级（" + e.value("label", "") +
                         "），" + score + "分；评价模型 " + e.value("model", ""),
                     10.5, false, 5, 12});
    }
    if (sec["note"].is_string()) out.push_back({sec["note"].get<std::string>(), 10.5, false, 5, 12});
  }
  out.push_back({"本报告由平台按出具当日的公示信息生成并加盖电子签名。内容摘要（SHA-256）：" + digest +
                     "；签名密钥：" + c.value("key_id", "") + "。扫描右上角二维码或凭报告编号在信用报告核验页核验。",
                 8.5, false, 20});
  return out;
}

PangoLayout* Layout(cairo_t* cr, const Block& b) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFont);
  pango_font_description_set_absolute_size(font, b.size * PANGO_SCALE);
  pango_font_description_set_weight(font, b.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>((kPageWidth - 2 * kMargin - b.indent) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout, b.text.c_str(), -1);
  return layout;
}

double Height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Text(cairo_t* cr, const std::string& text, double size, double x, double y) {
  Block b{text, size};
  PangoLayout* layout = Layout(cr, b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

void QrCode(cairo_t* cr, const std::string& url, double x, double y) {
  QRcode* qr = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return;
  const double cell = kQrSize / (qr->width + 8);  // a quiet zone of 4 cells around
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, kQrSize, kQrSize);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr->width; ++row) {
    for (int col = 0; col < qr->width; ++col) {
      if (qr->data[row * qr->width + col] & 1) {
        cairo_rectangle(cr, x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
      }
    }
  }
  cairo_fill(cr);
  QRcode_free(qr);
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Page breaks: the y of each block and the page it lands on, measured on `cr`.
struct Placed {
  int page = 0;
  double y = 0;
};

std::vector<Placed> Place(cairo_t* cr, const std::vector<Block>& blocks) {
  std::vector<Placed> out;
  int page = 0;
  double y = kTop + kQrSize - 10;  // the first page's title sits beside the QR code
  for (const Block& b : blocks) {
    PangoLayout* layout = Layout(cr, b);
    const double h = Height(layout);
    g_object_unref(layout);
    y += b.gap_before;
    if (y + h > kBottom) {
      ++page;
      y = kTop;
    }
    out.push_back({page, y});
    y += h;
  }
  return out;
}

}  // namespace

Result<std::string> RenderReportPdf(const std::string& content_json, const std::string& digest,
                                    const std::string& verify_url) {
  const Json c = Json::parse(content_json, nullptr, false);
  if (!c.is_object()) return InvalidArgument("report: 报告内容不是 JSON 对象");
  const std::vector<Block> blocks = Blocks(c, digest);
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &pdf, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c.value("title", "信用报告").c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, c.value("number", "").c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Xinyong");
  cairo_t* cr = cairo_create(surface);
  const std::vector<Placed> placed = Place(cr, blocks);
  const int pages = placed.empty() ? 1 : placed.back().page + 1;
  const std::string number = c.value("number", "");
  for (int page = 0; page < pages; ++page) {
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    Text(cr, "报告编号 " + number + "　　第" + std::to_string(page + 1) + "页/共" +
                 std::to_string(pages) + "页",
         8.5, kMargin, 36);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin, 54);
    cairo_line_to(cr, kPageWidth - kMargin, 54);
    cairo_stroke(cr);
    if (page == 0) QrCode(cr, verify_url, kPageWidth - kMargin - kQrSize, 62);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (placed[i].page != page) continue;
      PangoLayout* layout = Layout(cr, blocks[i]);
      cairo_move_to(cr, kMargin + blocks[i].indent, placed[i].y);
      pango_cairo_show_layout(cr, layout);
      g_object_unref(layout);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("report PDF: ") + cairo_status_to_string(status));
  }
  return pdf;
}

std::string SignPdf(std::string pdf, const PlatformSigner& signer) {
  if (!pdf.empty() && pdf.back() != '\n') pdf += '\n';
  const std::string signature = signer.SignBase64(pdf);
  pdf += kTrailer + signer.KeyId() + " " + signature + "\n";
  return pdf;
}

Status VerifySignedPdf(const std::string& file, const std::string& public_key_base64) {
  if (file.rfind("%PDF-", 0) != 0) return InvalidArgument("file: 不是 PDF 文件");
  const size_t at = file.rfind(std::string("\n") + kTrailer);
  if (at == std::string::npos) return InvalidArgument("signature: PDF 没有平台签名（不是平台出具的报告，或已被另存）");
  const std::string body = file.substr(0, at + 1);
  std::string trailer = file.substr(at + 1 + std::string(kTrailer).size());
  while (!trailer.empty() && (trailer.back() == '\n' || trailer.back() == '\r')) trailer.pop_back();
  const size_t space = trailer.find(' ');
  if (space == std::string::npos) return InvalidArgument("signature: 签名行格式不对");
  if (!PlatformSigner::Verify(public_key_base64, body, trailer.substr(space + 1))) {
    return InvalidArgument("signature: 签名不能用该公钥验证（文件被改动，或不是该平台出具）");
  }
  return Status::Ok();
}

}  // namespace xinyong

#if defined(__SANITIZE_ADDRESS__)
// Fontconfig keeps its configuration and caches for the life of the process (released only by
// FcFini, which Pango never calls): LeakSanitizer would report them at exit of every sanitised
// build that rendered a PDF.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
