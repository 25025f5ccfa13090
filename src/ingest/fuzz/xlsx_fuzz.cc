// libFuzzer: arbitrary bytes as an XLSX upload. Input that starts with "PK" is taken as the
// whole archive (seed with src/ingest/testdata/*.xlsx); other input replaces one XML part of a
// small valid workbook -- the first byte picks which -- so the fuzzer reaches the XML readers
// without having to forge zip checksums.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ingest/fuzz/fuzz_util.h"

namespace {

void Put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// A zip archive of stored (uncompressed) members.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out, central;
  for (const auto& [name, data] : members) {
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const auto size = static_cast<uint32_t>(data.size());
    const auto name_len = static_cast<uint32_t>(name.size());
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, 0);  // stored
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, crc);
    Put32(out, size);
    Put32(out, size);
    Put16(out, name_len);
    Put16(out, 0);
    out += name;
    out += data;
    Put32(central, 0x02014b50);
    Put16(central, 20);
    Put16(central, 20);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0x21);
    Put32(central, crc);
    Put32(central, size);
    Put32(central, size);
    Put16(central, name_len);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put32(central, 0);
    Put32(central, offset);
    central += name;
  }
  const auto central_offset = static_cast<uint32_t>(out.size());
  out += central;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint32_t>(members.size()));
  Put16(out, static_cast<uint32_t>(members.size()));
  Put32(out, static_cast<uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);
  return out;
}

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using xinyong::ingest::Format;
  std::string input(reinterpret_cast<const char*>(data), size);
  if (input.rfind("PK", 0) == 0 || input.empty()) {
    xinyong::ingest::fuzz::ReadEverything(Format::kXlsx, std::move(input));
    return 0;
  }
  std::vector<std::pair<std::string, std::string>> members = {
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           std::string(kRel) +
           "/officeDocument\" "
           "Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel +
                              "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           std::string(kRel) +
           "/worksheet\" "
           "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/styles.xml", std::string("<styleSheet xmlns=\"") + kMain +
                            "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
                            "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                            "<xf numFmtId=\"164\"/><xf numFmtId=\"20\"/></cellXfs></styleSheet>"},
      {"xl/sharedStrings.xml", std::string("<sst xmlns=\"") + kMain +
                                   "\"><si><t>名称</t></si><si><r><t>甲</t></r></si></sst>"},
      {"xl/worksheets/sheet1.xml",
       std::string("<worksheet xmlns=\"") + kMain +
           "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
           "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45352</v></c></row></sheetData></worksheet>"},
  };
  const size_t which = static_cast<unsigned char>(input[0]) % members.size();
  members[which].second = input.substr(1);
  xinyong::ingest::fuzz::ReadEverything(Format::kXlsx, StoredZip(members));
  return 0;
}
