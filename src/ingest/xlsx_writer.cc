#include "ingest/xlsx_writer.h"

#include <zip.h>

#include <cstring>
#include <memory>

namespace xinyong::ingest {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters; tabs and newlines stay.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string ColumnName(size_t index) {  // 0 -> A, 25 -> Z, 26 -> AA
  std::string name;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

void AppendRow(std::string& xml, size_t number, const std::vector<std::string>& cells) {
  xml += "<row r=\"" + std::to_string(number) + "\">";
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    xml += "<c r=\"" + ColumnName(c) + std::to_string(number) +
           "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + Escape(cells[c]) +
           "</t></is></c>";
  }
  xml += "</row>";
}

}  // namespace

Result<std::string> WriteXlsx(const std::string& sheet_name,
                              const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows) {
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  AppendRow(sheet, 1, header);
  for (size_t i = 0; i < rows.size(); ++i) AppendRow(sheet, i + 2, rows[i]);
  sheet += "</sheetData></worksheet>";

  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/"
       "vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
       "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
       "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
       "<sheets><sheet name=\"" +
           Escape(sheet_name) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  };

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return Internal("xlsx: cannot create a buffer");
  zip_source_keep(buffer);  // we read it back after closing the archive
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> holder(buffer, zip_source_free);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) return Internal("xlsx: cannot open the archive");
  for (const auto& [name, text] : parts) {
    // libzip copies the data when the archive is closed; keep the strings alive until then.
    zip_source_t* src = zip_source_buffer(archive, text.data(), text.size(), 0);
    if (!src || zip_file_add(archive, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      zip_discard(archive);
      return Internal("xlsx: cannot add " + name);
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    return Internal("xlsx: cannot write the archive");
  }
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) < 0 || zip_source_open(buffer) < 0) {
    return Internal("xlsx: cannot read the archive back");
  }
  std::string out(st.size, '\0');
  const zip_int64_t got = zip_source_read(buffer, out.data(), st.size);
  zip_source_close(buffer);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
    return Internal("xlsx: short read of the archive");
  }
  return out;
}

}  // namespace xinyong::ingest
