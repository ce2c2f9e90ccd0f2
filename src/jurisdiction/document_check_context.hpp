// DocumentCheckContext: what an ID-number validator may cross-check a number against (date of birth
// and sex as entered, the issuing US state) and the date "today" is, so results are reproducible.
// A plain value; thread-compatible.
#pragma once

#include <optional>
#include <string>

#include "jurisdiction/dates.hpp"

namespace simreg::jurisdiction {

struct DocumentCheckContext {
  Date today;                         // birth dates after it are impossible
  std::optional<Date> date_of_birth;  // as entered by the person, when known and valid
  std::optional<char> sex;            // 'F' or 'M', when known
  std::string state;                  // US issuing state ("CA"); empty: unknown
};

}  // namespace simreg::jurisdiction
