#include "core/text.h"

#include <algorithm>
#include <cstdint>

namespace xinyong {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i] and its code point, or 0 when
// the bytes there are not well-formed (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
size_t DecodeAt(std::string_view s, size_t i, char32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t value = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  *cp = value;
  return len;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Calls f(view, code_point, well_formed) for every character of `s`.
template <typename F>
void ForEachChar(std::string_view s, F f) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    size_t len = DecodeAt(s, i, &cp);
    const bool ok = len != 0;
    if (!ok) {
      len = 1;
      cp = static_cast<unsigned char>(s[i]);
    }
    f(s.substr(i, len), cp, ok);
    i += len;
  }
}

// Characters that carry nothing and are dropped from codes and names (zero-width space,
// zero-width no-break space / BOM, word joiner).
bool IsInvisible(char32_t cp) { return cp == 0x200B || cp == 0xFEFF || cp == 0x2060; }

// White space of every kind (after width folding U+3000 is already a space).
bool IsSpace(char32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// '-' and the dashes people paste in its place.
bool IsSeparator(char32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63;
}

char32_t FoldChar(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x3000) return ' ';
  return cp;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    const size_t len = DecodeAt(s, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  ForEachChar(s, [&](std::string_view c, char32_t, bool ok) {
    if (ok) {
      out.append(c);
    } else {
      out.append("\uFFFD");
    }
  });
  return out;
}

std::vector<std::string_view> Utf8Chars(std::string_view s) {
  std::vector<std::string_view> out;
  out.reserve(s.size());
  ForEachChar(s, [&](std::string_view c, char32_t, bool) { out.push_back(c); });
  return out;
}

std::string FoldWidth(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachChar(utf8, [&](std::string_view c, char32_t cp, bool ok) {
    const char32_t folded = ok ? FoldChar(cp) : cp;
    if (ok && folded != cp) {
      AppendUtf8(out, folded);
    } else {
      out.append(c);
    }
  });
  return out;
}

std::string NormaliseCode(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  ForEachChar(input, [&](std::string_view c, char32_t cp, bool ok) {
    if (!ok) {
      out.append(c);
      return;
    }
    const char32_t f = FoldChar(cp);
    if (IsSpace(f) || IsInvisible(f) || IsSeparator(f)) return;
    if (f >= 'a' && f <= 'z') {
      out.push_back(static_cast<char>(f - 'a' + 'A'));
    } else if (f != cp) {
      AppendUtf8(out, f);
    } else {
      out.append(c);
    }
  });
  return out;
}

std::string NormaliseName(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  bool pending_space = false;
  ForEachChar(input, [&](std::string_view c, char32_t cp, bool ok) {
    if (!ok) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.append(c);
      return;
    }
    const char32_t f = FoldChar(cp);
    if (IsInvisible(f)) return;
    if (IsSpace(f)) {
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (f != cp) {
      AppendUtf8(out, f);
    } else {
      out.append(c);
    }
  });
  return out;
}

std::string NormaliseText(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  bool pending_space = false;
  ForEachChar(input, [&](std::string_view c, char32_t cp, bool ok) {
    if (ok && IsInvisible(cp)) return;
    if (ok && (IsSpace(cp) || cp == 0x3000) && cp != U'\n') {
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty() && out.back() != '\n' && !(ok && cp == U'\n')) {
      out.push_back(' ');
    }
    pending_space = false;
    if (ok && cp == U'\n' && out.empty()) return;  // leading line breaks
    out.append(c);
  });
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Status CheckChars(std::string_view field, std::string_view value, size_t max) {
  size_t chars = 0;
  for (unsigned char c : value) chars += (c & 0xC0) != 0x80;
  if (chars <= max) return Status::Ok();
  return InvalidArgument(std::string(field) + ": 不超过" + std::to_string(max) + "字（现为" +
                         std::to_string(chars) + "字）");
}

Status CheckContact(std::string_view field, std::string_view contact) {
  std::string c;
  for (char ch : contact) {
    if (ch != ' ' && ch != '(' && ch != ')') c.push_back(ch);
  }
  const auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char d) { return d >= '0' && d <= '9'; });
  };
  // E-mail: something@domain.tld, no spaces.
  if (const size_t at = c.find('@'); at != std::string::npos) {
    const size_t dot = c.rfind('.');
    if (at > 0 && dot != std::string::npos && dot > at + 1 && dot + 2 <= c.size() &&
        c.find('@', at + 1) == std::string::npos) {
      return Status::Ok();
    }
  } else {
    std::string_view n(c);
    if (n.rfind("+86", 0) == 0) n.remove_prefix(3);
    if (n.rfind("86", 0) == 0 && n.size() == 13) n.remove_prefix(2);
    // An extension: 025-12345678-801 or 025-12345678转801.
    if (const size_t ext = n.find("转"); ext != std::string_view::npos) n = n.substr(0, ext);
    std::string plain;
    int dashes = 0;
    for (char ch : n) {
      if (ch == '-') {
        ++dashes;
      } else {
        plain.push_back(ch);
      }
    }
    const bool mobile = plain.size() == 11 && plain[0] == '1' && plain[1] >= '3' && digits(plain);
    const bool landline =
        plain.size() >= 10 && plain.size() <= 16 && plain[0] == '0' && digits(plain) && dashes <= 2;
    if ((mobile && dashes == 0) || landline) return Status::Ok();
  }
  return InvalidArgument(std::string(field) +
                         ": 请填写有效的手机号码、带区号的固定电话（如 025-12345678）或电子邮箱");
}

}  // namespace xinyong
