#include "core/name_fold.h"

#include <opencc/opencc.h>

namespace xinyong {
namespace {

constexpr std::u32string_view kLongForm = U"有限责任公司";

// Decodes one code point at s[i]; advances i. Returns 0xFFFFFFFF for an invalid sequence
// (and advances one byte).
char32_t Next(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto x = static_cast<unsigned char>(s[i + k]);
    if ((x & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    c = (c << 6) | (x & 0x3F);
  }
  i += len;
  return c;
}

}  // namespace

std::u32string Utf8ToUtf32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = Next(utf8, i);
    if (c != 0xFFFFFFFF) out.push_back(c);
  }
  return out;
}

std::string Utf32ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

NameFolder::NameFolder() = default;

NameFolder NameFolder::WithoutScriptTable() { return NameFolder(); }

Result<NameFolder> NameFolder::Load() {
  opencc_t od = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  if (od == reinterpret_cast<opencc_t>(-1)) {
    return Unavailable(std::string("OpenCC: cannot load t2s.json: ") + opencc_error());
  }
  auto table = std::make_shared<std::vector<char32_t>>(0x10000, 0);
  size_t entries = 0;
  // CJK Extension A, the Unified Ideographs and the Compatibility Ideographs.
  for (auto [lo, hi] :
       {std::pair<char32_t, char32_t>{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}) {
    for (char32_t c = lo; c <= hi; ++c) {
      std::string in = Utf32ToUtf8(std::u32string_view(&c, 1));
      char* out = opencc_convert_utf8(od, in.data(), in.size());
      if (!out) continue;
      std::u32string conv = Utf8ToUtf32(out);
      opencc_convert_utf8_free(out);
      if (conv.size() == 1 && conv[0] != c && conv[0] < 0x10000) {
        (*table)[c] = conv[0];
        ++entries;
      }
    }
  }
  opencc_close(od);
  NameFolder f;
  f.table_ = std::move(table);
  f.entries_ = entries;
  return f;
}

std::u32string NameFolder::Fold(std::string_view utf8, bool* dropped_long_form) const {
  if (dropped_long_form) *dropped_long_form = false;
  std::u32string out;
  out.reserve(utf8.size() / 2 + 1);
  const std::vector<char32_t>* table = table_.get();
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = Next(utf8, i);
    if (c == 0xFFFFFFFF) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    switch (c) {
      case U' ':
      case U'\t':
      case U'\r':
      case U'\n':
      case 0x3000:
      case 0x00A0:
      case 0x00B7:
      case 0x30FB:
      case 0x2022:  // white space and middle dots
        continue;
      case 0x3014:
      case 0x3010:
      case 0x3016:
      case U'[':
      case U'{':
        c = U'(';
        break;
      case 0x3015:
      case 0x3011:
      case 0x3017:
      case U']':
      case U'}':
        c = U')';
        break;
      default:
        break;
    }
    if (c >= U'a' && c <= U'z') c -= 32;
    if (table && c < 0x10000 && (*table)[c] != 0) c = (*table)[c];
    out.push_back(c);
  }
  // 有限责任公司 ≈ 有限公司: 责任 goes wherever it sits inside the long form, also in a query
  // that starts or stops inside it ("限责任公司…", "…有限责任"), as long as at least three
  // characters of the long form are there to show that it is meant.
  for (size_t p = out.find(U'责'); p != std::u32string::npos; p = out.find(U'责', p)) {
    const size_t start = p >= 2 ? p - 2 : 0;
    const size_t first = 2 - (p - start);  // index in the long form of out[start]
    size_t matched = 0;
    bool ok = true;
    for (size_t k = first; k < kLongForm.size() && start + (k - first) < out.size(); ++k) {
      if (out[start + (k - first)] != kLongForm[k]) {
        ok = false;
        break;
      }
      ++matched;
    }
    if (ok && matched >= 3) {
      out.erase(p, p + 1 < out.size() ? 2 : 1);  // 责任, or 责 at the very end
      if (dropped_long_form) *dropped_long_form = true;
    } else {
      ++p;
    }
  }
  // A query cut just after 责 ("任公司…") stands for the short form's "公司…".
  if (out.size() > 3 && out.compare(0, 3, U"任公司") == 0) out.erase(0, 1);
  return out;
}

std::string NameFolder::FoldToUtf8(std::string_view utf8) const { return Utf32ToUtf8(Fold(utf8)); }

}  // namespace xinyong
