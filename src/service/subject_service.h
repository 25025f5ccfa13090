// Use cases about subjects: register (resolve or create by identifier), look up.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/subject.h"
#include "service/context.h"

namespace xinyong {

class Transaction;

struct SubjectInput {
  std::optional<SubjectKind> kind;  // inferred from the identifiers when absent
  std::string name;
  std::vector<std::string> identifiers;  // any kinds, as typed; at least one
  std::string region;                    // 6-digit division; inferred when absent
};

// A subject as shown to a caller. For natural persons the name and ID number are masked
// and no name history is shown.
struct SubjectView {
  int64_t id = 0;
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string name;
  std::string region;
  std::string region_name;
  struct Ident {
    IdKind kind;
    std::string value;  // clear for public identifiers, masked for ID numbers
  };
  std::vector<Ident> identifiers;
  std::vector<NameEntry> names;
  std::string created_at;
  std::string updated_at;
};

struct RegisterOutcome {
  SubjectView subject;
  bool created = false;  // a new subject
  bool renamed = false;  // an existing subject under a new name (old name kept in history)
  // The input named an existing subject by another name that was not taken: only the credit
  // office (admin) renames a subject; otherwise its name comes from the registration source.
  bool name_kept = false;
  int identifiers_added = 0;
};

// Thread-safe (stateless beyond the context).
class SubjectService {
 public:
  explicit SubjectService(ServiceContext ctx) : ctx_(ctx) {}

  // Validates the input, then in one transaction resolves the subject by any of its
  // identifiers or creates it; appends subject.created / subject.renamed /
  // subject.identifier_added events. invalid_argument names the field and the rule;
  // conflict when the identifiers belong to different subjects.
  Result<RegisterOutcome> Register(const Principal& actor, const SubjectInput& input);

  // Registers many subjects in one transaction (imports, demonstration data). All or none.
  Result<std::vector<RegisterOutcome>> RegisterMany(const Principal& actor,
                                                    const std::vector<SubjectInput>& inputs);

  // Register inside a transaction the caller owns (intake resolves a record's subject in the
  // record's transaction). Does not commit. The view holds only the id.
  Result<RegisterOutcome> RegisterIn(Transaction& tx, const Principal& actor,
                                     const SubjectInput& input, const std::string& now);

  // For each input, the id of the subject it names when registering it would change nothing
  // (every identifier known and held by that one subject, the same name, a compatible kind);
  // 0 when it would (or the input is invalid): those go through RegisterIn. Three queries or
  // so for any number of inputs, so that intake resolves a chunk's known subjects at once.
  Result<std::vector<int64_t>> FindUnchangedIn(Transaction& tx,
                                               const std::vector<SubjectInput>& inputs);

  // By any identifier, typed as a person would. not_found when unknown.
  Result<SubjectView> Lookup(std::string_view code);
  // Lookup as `p` may see it: a natural person is answered as an unknown number (the same
  // not_found) unless `p` works with persons (admin, operator, officer) or is that person's
  // own account.
  Result<SubjectView> LookupAs(const Principal& p, std::string_view code);
  // The same inside a transaction the caller owns (the check reads the subject and its facts
  // from one snapshot). Without the name history, `names` stays empty and one query is saved.
  Result<SubjectView> LookupIn(Transaction& tx, std::string_view code,
                               bool with_name_history = true);

 private:
  ServiceContext ctx_;
};

}  // namespace xinyong
