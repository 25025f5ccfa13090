// Text folding used before identifiers are validated and names are compared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace xinyong {

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// `s` with each byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD: for
// quoting what a client sent in a message (messages are UTF-8, the client's bytes may not be).
std::string ReplaceInvalidUtf8(std::string_view s);

// Splits text into its characters (code points), each a view into `s`. A byte that does not
// start a well-formed UTF-8 sequence is a character of its own.
std::vector<std::string_view> Utf8Chars(std::string_view s);

// Full-width ASCII variants (U+FF01..U+FF5E) become ASCII; the ideographic space U+3000
// becomes a space. Other text is unchanged. Invalid UTF-8 bytes are kept as they are.
std::string FoldWidth(std::string_view utf8);

// Normal form of an identifier typed by a person: width folded, every kind of white space
// and the separators '-' removed, ASCII letters upper-cased. "９１３２ 0100-748204660q"
// becomes "91320100748204660Q".
std::string NormaliseCode(std::string_view input);

// Leading and trailing white space (ASCII and U+3000) removed, inner runs of white space
// collapsed to one ASCII space, width folded. For names.
std::string NormaliseName(std::string_view input);

// For free text (reasons, facts, legal bases, notes): leading and trailing white space
// removed and runs of spaces collapsed, line breaks kept, and nothing else changed — Chinese
// punctuation such as ，（）stays as written.
std::string NormaliseText(std::string_view input);

// Limits of free-text fields, in characters (docs/api.md, "Field limits").
inline constexpr size_t kNameChars = 200;       // names: people, companies, filers, subscriptions
inline constexpr size_t kContactChars = 100;    // a phone number or an e-mail address
inline constexpr size_t kDocumentChars = 200;   // a document number (文号)
inline constexpr size_t kNoteChars = 2000;      // reasons, notes, legal bases
inline constexpr size_t kLongTextChars = 8000;  // facts, an objection's reasons

// A phone number (mobile 1xxxxxxxxxx, with +86 or not; landline with its area code, e.g.
// 025-12345678 or 02512345678, an extension after "-" or "转") or an e-mail address, as a filer
// gives it to be told of each step. invalid_argument naming `field` otherwise.
Status CheckContact(std::string_view field, std::string_view contact);

// invalid_argument "field: 不超过N字" when `value` has more than `max` characters (code points).
Status CheckChars(std::string_view field, std::string_view value, size_t max);

}  // namespace xinyong
