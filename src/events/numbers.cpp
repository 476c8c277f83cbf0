#include "src/events/numbers.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace incidentmap {

namespace {

// Ids 0-19 are the values; ids 20-27 are twenty..ninety; then hundred, thousand, million.
const WordSet kNumberWords(
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundred|thousand|million");

// The value of a number word of the table, or -1.
long number_word_value(std::string_view w) {
  static constexpr long kBig[] = {100, 1000, 1000000};
  const std::ptrdiff_t id = kNumberWords.find(w);
  if (id < 0) return -1;
  if (id < 20) return id;
  return id < 28 ? (id - 18) * 10 : kBig[id - 28];
}

// Zero to ninety: a single number word below a hundred.
std::optional<long> small_word(std::string_view w) {
  const long v = number_word_value(w);
  if (v < 0 || v >= 100) return std::nullopt;
  return v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const WordSet kDeathWords(
    "killed|dead|died|die|dies|deaths|death|slain|murdered|executed|assassinated|massacred|"
    "lynched|beheaded|decapitated|killings|murders|homicides|executions|fatalities|bodies|"
    "corpses|perished|lifeless|gunned|fatally|dismembered|strangled|slaughtered");
const WordSet kInjuryWords(
    "wounded|injured|hurt|injuries|injury|wounds|wounding|injuring|hospitalized|hospitalised");
const WordSet kOtherOutcomeWords(
    "arrested|detained|kidnapped|abducted|missing|rescued|freed|displaced|evacuated|captured|"
    "released|escaped|fled|seized|houses|homes|vehicles|cars|buildings|trucks|weapons|rifles|"
    "guns|rounds|shots|bullets|cartridges|shells|hours|minutes|days|weeks|months|years|"
    "arrests|detentions|marched|protested|charged|"
    "sentenced|convicted|extradited|held|hostages|deported|missiles|rockets|bombs|grenades");
const WordSet kKillingBefore(
    "kill|kills|killed|killing|killings|murdered|murdering|murder|murders|executed|executing|"
    "massacred|massacring|slaughtered|slaughtering|slew|slaying|claimed|claiming|death|deaths|"
    "toll|bodies|body|corpses|remains|assassinated");
const WordSet kBackFillers(
    "the|lives|life|of|at|to|rose|risen|climbed|reached|stands|stood|stand|increased|jumped|"
    "was|is|has|had|now|hit|an|estimated|some|another|a|further|total|least|rising|bringing|"
    "brought|raising|raised");
const WordSet kPersonNouns(
    "people|persons|person|civilians|civilian|men|man|women|woman|children|child|kids|soldiers|"
    "soldier|troops|police|policemen|policeman|officers|officer|agents|agent|guards|guard|members|"
    "member|gunmen|gunman|militants|militant|rebels|rebel|insurgents|fighters|terrorists|suspects|"
    "suspect|criminals|inmates|prisoners|students|journalists|workers|farmers|villagers|residents|"
    "migrants|relatives|victims|others|individuals|youths|teenagers|teens|minors|boys|girls|"
    "babies|adults|pilgrims|worshippers|protesters|demonstrators|passengers|employees|officials|"
    "commanders|leaders|cops|marines|sailors|hitmen|attackers|assailants|bystanders|family|"
    "families|brothers|sisters|sons|daughters|nationals|citizens|americans|them|"
    "alleged|young|unidentified|more|of");
const WordSet kFunctionWords(
    "in|at|on|near|during|after|before|when|while|and|as|including|inside|outside|across|from|"
    "since|overnight|last|yesterday|today|this|early|late|with|by|were|was|had|have|has");

// Words after a number that make it a non-count.
const WordSet kNonCountAfter(
    "%|percent|per|p.m|a.m|pm|am|o'clock|hours|hour|hrs|minutes|minute|seconds|gmt|utc|km|"
    "kilometers|kilometres|kilometer|kilometre|miles|mile|meters|metres|meter|metre|kg|"
    "kilograms|kilos|kilo|tons|tonnes|ton|pounds|grams|caliber|calibre|mm|feet|foot|yards|acres|"
    "hectares|liters|litres|gallons|dollars|pesos|euros|usd|mxn|degrees|years|year|months|"
    "month|weeks|week|days|day|times|bn|billion|cents|percentage|points|st|nd|rd|th|yr|yrs|yo|"
    "year-old|years-old");
// Words before a number that make it an identifier, an age or money.
const WordSet kNonCountBefore(
    "route|highway|road|no|number|article|flight|room|unit|battalion|brigade|division|platoon|"
    "regiment|district|zone|sector|block|lot|street|avenue|km|kilometer|kilometre|chapter|"
    "section|line|bus|apartment|house|building|floor|gate|terminal|precinct|level|grade|phase|"
    "stage|aged|age|ages|$|us$|€|£|usd|mxn|page|item|paragraph|channel|vol|version|"
    "federal|motorway|interstate|exit|cell|hangar|camp|kilómetro|carretera");

const WordSet kMonthWords(
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|"
    "feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec");

const WordSet kApproximately(
    "about|around|some|nearly|almost|approximately|roughly|estimated|approx|circa");
const WordSet kYearsMonths("year|years|month|months");
const WordSet kDeterminersBeforeOne("no|the|any|every|each|which|that|this");
const WordSet kPossessives("their|his|her|its");
const WordSet kLives("lives|life");
const WordSet kSubsetBefore("including|among|includes|included");
const WordSet kSubsetOf("them|whom|those");
const WordSet kCoordinators("and|or|plus");
// Words that end the forward search for a quantity's outcome.
const WordSet kForwardStops("while|but|as|after|when|including|whereas|although");
const WordSet kBodyWords("body|bodies|corpses|remains");
const WordSet kAfterToll("to|at|of|is|was|stands|stood|now|rose|climbed|reached|has|had|hit");
const WordSet kPluralDeathNouns(
    "deaths|killings|murders|homicides|executions|fatalities|bodies|corpses");
const WordSet kWasIsHas("was|is|has");
const WordSet kWasIsHasHad("was|is|has|had");
const WordSet kBeenEtc("been|being|reportedly|allegedly|later|found");
const WordSet kShotStabbed("shot|stabbed");
const WordSet kIndefinite("a|an");
const WordSet kPlacePrepositions("in|at|near|on|outside|inside|across|around");
const WordSet kAdditiveAfter("others|other|more|additional");
const WordSet kAdditiveBefore("another|further|additional");
const WordSet kListJoiners("and|,|plus");
// Nouns for one person, for "three soldiers and a police officer".
const WordSet kSingularPersons(
    "person|civilian|man|woman|child|kid|soldier|policeman|policewoman|officer|agent|guard|"
    "member|gunman|militant|rebel|insurgent|fighter|terrorist|suspect|criminal|inmate|prisoner|"
    "student|journalist|worker|farmer|villager|resident|migrant|relative|victim|youth|teenager|"
    "teen|minor|boy|girl|baby|infant|adult|pilgrim|worshipper|protester|demonstrator|passenger|"
    "employee|official|commander|leader|cop|marine|sailor|hitman|attacker|assailant|bystander|"
    "driver|teacher|doctor|nurse|priest|mayor|judge|lawyer|businessman|shopkeeper|trader|vendor|"
    "guide|pilot|trooper|conscript|recruit|citizen|national|tourist|refugee|colonel|general|"
    "captain|sergeant|lieutenant|major|corporal|private|commissioner|chief|councillor|"
    "councilor|activist|reporter|photographer|cameraman|contractor|engineer");
const WordSet kKilledVerbs("killed|murdered|executed");
const WordSet kNegatedSubject("no|nobody|no-one|none|not|never|without");
const WordSet kZeroWords("no|nobody|no-one|without|none");
const WordSet kZeroOutcomes(
    "deaths|fatalities|casualties|dead|killed|died|hurt|injured|injuries|harmed|lives|loss|"
    "victims|wounded|death");

// Words that may begin the number of a quantity other than digits and number words (core_at).
const WordSet kCoreStarts("dozens|scores|hundreds|thousands|several|numerous|both|dozen|half");
// After "a": "a few", "a dozen", "a hundred".
const WordSet kAfterA("few|handful|couple|dozen|hundred|thousand");

enum class Modifier { kNone, kAtLeast, kUpTo, kApprox };

class QuantityFinder {
 public:
  QuantityFinder(std::string_view text, Tokens tokens) : text_(text), t_(tokens) {}

  std::vector<Quantity> run() {
    std::size_t i = 0;
    // A quantity's number starts at most three tokens after the quantity (after a modifier
    // such as "no fewer than"), so tokens further than that before any possible number are
    // skipped without trying.
    std::vector<char> core(t_.size());
    for (std::size_t k = 0; k < t_.size(); ++k) core[k] = may_start_core(k);
    std::size_t next_core = 0;
    while (i < t_.size()) {
      while (next_core < t_.size() && (next_core < i || !core[next_core])) ++next_core;
      if (next_core == t_.size()) break;
      if (next_core > i + 3) {
        i = next_core - 3;
        continue;
      }
      std::optional<Found> f = try_at(i);
      if (f) {
        i = f->q.last_token;
        if (!is_non_count(*f)) out_.push_back(f->q);
      } else {
        ++i;
      }
    }
    return std::move(out_);
  }

 private:
  // A view: comparisons with literals check the length before any bytes.
  std::string_view w(std::size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].lower) : std::string_view();
  }

  // False only where core_at finds nothing.
  bool may_start_core(std::size_t i) const {
    const EventToken& t = t_[i];
    if (t.is_number || kCoreStarts.contains(t.lower)) return true;
    if (t.lower == "a") return kAfterA.contains(w(i + 1));
    return parse_number_word(t.lower).has_value();
  }

  // Reads a core number (no modifiers) at i: returns {value, end, vague, high} or nullopt.
  struct Core {
    long value = 0;
    long high = 0;  // == value unless a range or vague
    std::size_t end = 0;
    bool vague = false;
    bool digits = false;
  };

  std::optional<Core> core_at(std::size_t i) const {
    if (i >= t_.size()) return std::nullopt;
    const std::string_view a = w(i);
    Core c;
    // Vague amounts.
    struct Vague {
      std::string_view first, second;
      long value;
    };
    static constexpr Vague kVague[] = {
        {"dozens", "", 24},      {"scores", "", 40}, {"hundreds", "", 200},
        {"thousands", "", 2000}, {"several", "", 3}, {"a", "few", 2},
        {"a", "handful", 3},     {"a", "couple", 2}, {"numerous", "", 3}};
    for (const Vague& v : kVague) {
      if (a != v.first) continue;
      std::size_t end = i + 1;
      if (!v.second.empty()) {
        if (w(i + 1) != v.second) continue;
        end = i + 2;
      }
      if (w(end) == "of") ++end;
      // "several" and "numerous" qualify a noun; they need one after them to be a count.
      c.value = v.value;
      c.high = -1;
      c.end = end;
      c.vague = true;
      // "a couple" is exactly two; "a few" and "several" have no fixed upper bound.
      if (v.first == "a" && v.second == "couple") c.high = 2, c.vague = false;
      return c;
    }
    if (a == "both") return Core{2, 2, i + 1, false, false};
    if (a == "dozen" || (a == "a" && w(i + 1) == "dozen")) {
      const std::size_t end = a == "a" ? i + 2 : i + 1;
      return Core{12, 12, end, false, false};
    }
    if (a == "half" && w(i + 1) == "a" && w(i + 2) == "dozen")
      return Core{6, 6, i + 3, false, false};
    if (a == "a" && (w(i + 1) == "hundred" || w(i + 1) == "thousand")) {
      const long v = w(i + 1) == "hundred" ? 100 : 1000;
      return Core{v, v, i + 2, false, false};
    }
    // Digits, "1,200", "1.5 million", "10-15".
    if (t_[i].is_number) {
      std::string s(a);
      const std::size_t dash = s.find('-');
      if (dash != std::string::npos) {
        const std::string x = s.substr(0, dash), y = s.substr(dash + 1);
        auto vx = parse_number_word(x), vy = parse_number_word(y);
        if (vx && vy && *vy > *vx && all_digits(x) && all_digits(y))
          return Core{*vx, *vy, i + 1, false, true};
        return std::nullopt;
      }
      if (s.find(':') != std::string::npos || s.find('/') != std::string::npos) return std::nullopt;
      const std::size_t dot = s.find('.');
      if (dot != std::string::npos) {
        // Decimals count only with a multiplier: "1.5 million".
        const long mult = w(i + 1) == "million" ? 1000000 : w(i + 1) == "thousand" ? 1000 : 0;
        if (mult == 0) return std::nullopt;
        double d = 0;
        std::from_chars(s.data(), s.data() + s.size(), d);
        const long v = static_cast<long>(d * static_cast<double>(mult) + 0.5);
        return Core{v, v, i + 2, false, true};
      }
      auto v = parse_number_word(s);
      if (!v) return std::nullopt;
      std::size_t end = i + 1;
      long value = *v;
      if (w(end) == "thousand" || w(end) == "million") {
        value *= w(end) == "thousand" ? 1000 : 1000000;
        ++end;
      }
      return Core{value, value, end, false, true};
    }
    // Number words: "two hundred and fifty", "twenty-five", "three thousand".
    long total = 0, current = 0;
    std::size_t j = i;
    bool any = false;
    while (j < t_.size()) {
      const std::string_view x = w(j);
      auto v = parse_number_word(x);
      if (!v || t_[j].is_number) {
        if (x == "and" && any && j + 1 < t_.size() && !t_[j + 1].is_number &&
            parse_number_word(w(j + 1)) && *parse_number_word(w(j + 1)) < 100 &&
            (w(j - 1) == "hundred" || w(j - 1) == "thousand")) {
          ++j;
          continue;
        }
        break;
      }
      if (*v == 100) {
        if (!any) break;
        current = (current == 0 ? 1 : current) * 100;
      } else if (*v >= 1000) {
        if (!any) break;
        total += (current == 0 ? 1 : current) * *v;
        current = 0;
      } else {
        if (any && current % 100 != 0 && current != 0) break;  // "two three": two numbers
        current += *v;
      }
      any = true;
      ++j;
    }
    if (!any) return std::nullopt;
    const long value = total + current;
    return Core{value, value, j, false, false};
  }

  // A quantity and where its number word starts (after any modifier).
  struct Found {
    Quantity q;
    std::size_t number_first = 0;
    bool digits = false;
  };

  std::optional<Found> try_at(std::size_t i) const {
    Modifier mod = Modifier::kNone;
    std::size_t j = i;
    const std::string_view a = w(i);
    const std::string_view b = w(i + 1);
    const std::string_view c = w(i + 2);
    bool between = false;
    if ((a == "at" && b == "least") || (a == "more" && b == "than") || (a == "up" && b == "to") ||
        (a == "as" && b == "many" && c == "as") ||
        ((a == "no") && (b == "fewer" || b == "less") && c == "than") ||
        (a == "a" && b == "minimum" && c == "of") || (a == "upwards" && b == "of") ||
        (a == "in" && b == "excess" && c == "of") || (a == "close" && b == "to") ||
        (a == "an" && b == "estimated")) {
      if (a == "up" || a == "as")
        mod = Modifier::kUpTo;
      else if (a == "close" || a == "an")
        mod = Modifier::kApprox;
      else
        mod = Modifier::kAtLeast;
      j = (a == "as" || a == "no" || (a == "a" && b == "minimum") || a == "in") ? i + 3 : i + 2;
    } else if (kApproximately.contains(a)) {
      mod = Modifier::kApprox;
      j = i + 1;
    } else if (a == "over") {
      mod = Modifier::kAtLeast;
      j = i + 1;
    } else if (a == "between") {
      between = true;
      j = i + 1;
    }
    std::optional<Core> core = core_at(j);
    if (!core) {
      if (j == i) return std::nullopt;
      core = core_at(i);  // the modifier word was not one ("some say")
      if (!core) return std::nullopt;
      mod = Modifier::kNone;
      j = i;
      between = false;
    }
    Quantity q;
    q.first_token = i;
    q.best = q.low = core->value;
    q.high = core->high;
    q.vague = core->vague;
    std::size_t end = core->end;
    // Ranges and "or more".
    const std::string_view after = w(end);
    if ((between && after == "and") || after == "to" || after == "or" ||
        (after == "-" && end + 1 < t_.size())) {
      if (after == "or" && w(end + 1) == "more") {
        mod = Modifier::kAtLeast;
        end += 2;
      } else if (auto hi = core_at(end + 1); hi && hi->value > core->value && !hi->vague) {
        q.high = hi->value;
        end = hi->end;
      }
    }
    switch (mod) {
      case Modifier::kAtLeast:
        q.high = -1;
        break;
      case Modifier::kUpTo:
        q.low = std::min<long>(1, q.best);
        q.high = q.best;
        break;
      default:
        break;
    }
    q.last_token = end;
    q.span = {t_[i].span.begin, t_[end - 1].span.end};
    return Found{q, j, core->digits};
  }

  bool is_non_count(const Found& f) const {
    const Quantity& q = f.q;
    const std::size_t n = f.number_first;
    const std::string_view num = w(n);
    const std::string_view prev = n > 0 ? w(n - 1) : w(t_.size());
    const std::string_view next = w(q.last_token);
    if (num.find("year") != std::string::npos || num.find("month") != std::string::npos)
      return true;  // "25-year-old", "six-month-old"
    if (kNonCountAfter.contains(next)) return true;
    if (next == "-" && kYearsMonths.contains(w(q.last_token + 1))) return true;
    if (kMonthWords.contains(next) && t_[q.last_token].capitalized) return true;
    if (n > 0 && kMonthWords.contains(prev) && t_[n - 1].capitalized) return true;
    if (n > 1 && prev == "." && kMonthWords.contains(w(n - 2))) return true;
    if (n == q.first_token && kNonCountBefore.contains(prev)) return true;
    if (num == "one" && kDeterminersBeforeOne.contains(prev)) return true;
    if (f.digits && num.size() == 4 && all_digits(num)) {
      const long y = std::stol(std::string(num));
      if (y >= 1800 && y <= 2100 && !kPersonNouns.contains(next)) return true;
    }
    return false;
  }

  std::string_view text_;
  Tokens t_;
  std::vector<Quantity> out_;
};

enum class Outcome { kUnknown, kDeath, kInjury, kOther };

struct Classified {
  Quantity q;
  Outcome outcome = Outcome::kUnknown;
  bool link_next = false;  // coordinated with the next quantity
  bool subset = false;
};

class FatalityFinder {
 public:
  FatalityFinder(std::string_view text, Tokens tokens)
      : t_(tokens), quantities_(find_quantities(text, tokens)) {
    add_coordinated_singulars();
  }

  std::optional<Fatalities> run() {
    std::vector<Classified> cs;
    for (std::size_t k = 0; k < quantities_.size(); ++k) cs.push_back(classify(k));
    // Groups of coordinated quantities share the outcome of any member that has one.
    std::optional<Fatalities> best, current;
    bool previous_death = false;
    std::size_t k = 0;
    while (k < cs.size()) {
      std::size_t e = k;
      while (e + 1 < cs.size() && cs[e].link_next) ++e;
      Outcome group = Outcome::kUnknown;
      for (std::size_t m = k; m <= e; ++m)
        if (cs[m].outcome != Outcome::kUnknown && group == Outcome::kUnknown) group = cs[m].outcome;
      // "Six were killed in A and four in B": a bare count right after "and" that follows a
      // death count adds to it.
      const bool elliptical = group == Outcome::kUnknown && previous_death && k == e &&
                              cs[k].q.first_token > 0 && w(cs[k].q.first_token - 1) == "and" &&
                              !cs[k].subset && place_or_end_after(cs[k].q.last_token);
      previous_death = false;
      if (group == Outcome::kDeath || elliptical) {
        std::vector<const Classified*> members;
        for (std::size_t m = k; m <= e; ++m) {
          const Classified& member = cs[m];
          if (member.subset ||
              (member.outcome != Outcome::kDeath && member.outcome != Outcome::kUnknown))
            continue;
          members.push_back(&member);
        }
        // "seven people, four soldiers and three civilians": the later members break the first
        // one down when they add up to it.
        std::size_t used = members.size();
        if (used >= 3) {
          long rest = 0;
          for (std::size_t m = 1; m < used; ++m) rest += members[m]->q.best;
          if (rest == members[0]->q.best) used = 1;
        }
        Fatalities f;
        bool unbounded = false;
        for (std::size_t m = 0; m < used; ++m) {
          const Quantity& q = members[m]->q;
          f.best += q.best;
          f.low += q.low;
          if (q.high < 0)
            unbounded = true;
          else
            f.high += q.high;
          f.evidence = m == 0 ? q.span : ByteSpan{f.evidence.begin, q.span.end};
        }
        if (unbounded) f.high = -1;
        if (!members.empty()) {
          // Victims added to an earlier count ("two others died later", "three more") are
          // summed with it; other groups are alternatives (reports restate counts), of which
          // the largest is kept.
          if (current && (elliptical || additive(members.front()->q))) {
            current->best += f.best;
            current->low += f.low;
            current->high = current->high < 0 || f.high < 0 ? -1 : current->high + f.high;
            current->evidence.end = f.evidence.end;
          } else {
            current = f;
          }
          if (!best || current->best > best->best) best = current;
          previous_death = true;
        }
      }
      k = e + 1;
    }
    if (best) return best;
    if (auto one = singular()) return one;
    return zero();
  }

 private:
  // A view: comparisons with literals check the length before any bytes.
  std::string_view w(std::size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].lower) : std::string_view();
  }

  // The end of the sentence, punctuation or a preposition of place at token `i`: the count
  // before it stands alone ("and four in Sinaloa", "and two more.").
  bool place_or_end_after(std::size_t i) const {
    return i >= t_.size() || !t_[i].is_word || kPlacePrepositions.contains(t_[i].lower);
  }

  // True when `q` counts victims in addition to a count given before it: "two others", "three
  // more", "another two", "a further three".
  bool additive(const Quantity& q) const {
    return kAdditiveAfter.contains(w(q.last_token)) ||
           (q.first_token > 0 && kAdditiveBefore.contains(w(q.first_token - 1)));
  }

  // "a police officer" coordinated with a count ("three soldiers and a police officer", "a
  // child and two women") is a count of one.
  void add_coordinated_singulars() {
    std::vector<Quantity> singulars;
    for (std::size_t k = 0; k < t_.size(); ++k) {
      if (!kIndefinite.contains(t_[k].lower) || starts_quantity(k)) continue;
      std::size_t noun = k + 1;
      while (noun < t_.size() && noun <= k + 3 && t_[noun].is_word &&
             !kSingularPersons.contains(t_[noun].lower))
        ++noun;
      if (noun >= t_.size() || noun > k + 3 || !t_[noun].is_word) continue;
      const bool after_count = k > 0 && kListJoiners.contains(w(k - 1)) && count_ends_before(k - 1);
      const bool before_count = kListJoiners.contains(w(noun + 1)) && starts_quantity(noun + 2);
      if (!after_count && !before_count) continue;
      Quantity q;
      q.first_token = k;
      q.last_token = k + 1;
      q.span = t_[k].span;
      q.best = q.low = q.high = 1;
      singulars.push_back(q);
    }
    if (singulars.empty()) return;
    quantities_.insert(quantities_.end(), singulars.begin(), singulars.end());
    std::sort(quantities_.begin(), quantities_.end(),
              [](const Quantity& a, const Quantity& b) { return a.first_token < b.first_token; });
  }

  // A quantity ends within the four words before token `joiner` (no punctuation between).
  bool count_ends_before(std::size_t joiner) const {
    for (const Quantity& q : quantities_) {
      if (q.last_token > joiner || q.last_token + 4 < joiner) continue;
      bool words = true;
      for (std::size_t j = q.last_token; j < joiner; ++j) words = words && t_[j].is_word;
      if (words) return true;
    }
    return false;
  }

  bool starts_quantity(std::size_t i) const {
    for (const Quantity& q : quantities_)
      if (q.first_token == i) return true;
    return false;
  }

  bool is_death_at(std::size_t j) const {
    const std::string_view x = w(j);
    if (x == "lost" || x == "lose" || x == "losing")
      return kPossessives.contains(w(j + 1)) && kLives.contains(w(j + 2));
    if (x == "death") return w(j + 1) != "threats" && w(j + 1) != "threat";
    return kDeathWords.contains(x);
  }

  Classified classify(std::size_t k) const {
    Classified c{quantities_[k]};
    const Quantity& q = c.q;
    // Subsets: "including seven children", "seven of them".
    const std::string_view before = q.first_token > 0 ? w(q.first_token - 1) : w(t_.size());
    if (kSubsetBefore.contains(before) ||
        (w(q.last_token) == "of" && kSubsetOf.contains(w(q.last_token + 1))))
      c.subset = true;
    // Forward: the first outcome word.
    Outcome forward = Outcome::kUnknown;
    for (std::size_t j = q.last_token; j < t_.size() && j < q.last_token + 7; ++j) {
      if (!t_[j].is_word) {
        if (w(j) == "," && j + 1 < t_.size() && starts_quantity(j + 1)) c.link_next = true;
        break;
      }
      if (kCoordinators.contains(w(j))) {
        if (j + 1 < t_.size() && starts_quantity(j + 1)) c.link_next = true;
        break;
      }
      if (kForwardStops.contains(w(j))) break;
      if (starts_quantity(j)) break;
      if (is_death_at(j)) {
        forward = Outcome::kDeath;
        break;
      }
      if (kInjuryWords.contains(w(j))) {
        forward = Outcome::kInjury;
        break;
      }
      if (kOtherOutcomeWords.contains(w(j))) {
        forward = Outcome::kOther;
        break;
      }
    }
    if (forward != Outcome::kUnknown) {
      c.outcome = forward;
      return c;
    }
    // Backward: a killing word shortly before the number.
    std::size_t j = q.first_token;
    int skipped = 0;
    while (j > 0 && skipped < 5) {
      const std::string_view x = w(j - 1);
      if (kKillingBefore.contains(x)) {
        if (!followed_by_person_or_boundary(q.last_token)) return c;
        // "claimed" needs "the lives of"; "body"/"bodies"/"remains" need "of".
        if ((x == "claimed" || x == "claiming") && w(j) != "the" && w(j) != "lives") return c;
        if (kBodyWords.contains(x) && w(j) != "of") return c;
        if (x == "toll" && !kAfterToll.contains(w(j))) return c;
        c.outcome = Outcome::kDeath;
        return c;
      }
      if (!kBackFillers.contains(x)) break;
      --j;
      ++skipped;
    }
    return c;
  }

  bool followed_by_person_or_boundary(std::size_t end) const {
    if (end >= t_.size() || !t_[end].is_word) return true;
    if (kFunctionWords.contains(w(end))) return true;
    for (std::size_t j = end; j < t_.size() && j < end + 3; ++j) {
      if (!t_[j].is_word) break;
      if (kPersonNouns.contains(w(j)) || (t_[j].capitalized && j == end)) return true;
    }
    return false;
  }

  // "a man was killed", "X is killed", "the body of a woman", "dies", "killed a man".
  std::optional<Fatalities> singular() const {
    for (std::size_t j = 0; j < t_.size(); ++j) {
      const std::string_view x = w(j);
      const bool death = is_death_at(j) && !negated_subject(j) && !kPluralDeathNouns.contains(x);
      if (death && j > 0 && kWasIsHas.contains(w(j - 1))) return one(j);
      if (death && j > 1 && kBeenEtc.contains(w(j - 1)) && kWasIsHasHad.contains(w(j - 2)))
        return one(j);
      if (x == "dies") return one(j);
      if (death || kShotStabbed.contains(x)) {
        // "A woman shot dead", "a man killed": an indefinite article shortly before.
        for (std::size_t b = 1; b <= 4 && b <= j; ++b) {
          const std::string_view y = w(j - b);
          if (!t_[j - b].is_word || starts_quantity(j - b)) break;
          if ((y == "a" || y == "an") && (b > 1)) {
            if (!death) {
              // "shot" needs "dead" right after it to be a death.
              if (w(j + 1) != "dead") break;
            }
            return one(j);
          }
        }
      }
      if ((x == "body" || x == "corpse") && w(j + 1) == "of" && kIndefinite.contains(w(j + 2))) {
        return one(j);
      }
      if (death && kKilledVerbs.contains(x) && kIndefinite.contains(w(j + 1)) &&
          j + 2 < t_.size() && kPersonNouns.contains(w(j + 2))) {
        return one(j);
      }
    }
    return std::nullopt;
  }

  // "no one was killed", "nobody died": the zero forms, not a single death.
  bool negated_subject(std::size_t j) const {
    for (std::size_t b = 1; b <= 3 && b <= j; ++b)
      if (kNegatedSubject.contains(w(j - b))) return true;
    return false;
  }

  std::optional<Fatalities> one(std::size_t j) const {
    Fatalities f;
    f.best = f.low = f.high = 1;
    f.evidence = t_[j].span;
    return f;
  }

  std::optional<Fatalities> zero() const {
    for (std::size_t j = 0; j < t_.size(); ++j) {
      if (!kZeroWords.contains(w(j))) continue;
      for (std::size_t k = j + 1; k < t_.size() && k <= j + 3; ++k) {
        if (!t_[k].is_word) break;
        if (kZeroOutcomes.contains(w(k))) {
          Fatalities f;
          f.explicit_zero = true;
          f.evidence = {t_[j].span.begin, t_[k].span.end};
          return f;
        }
      }
    }
    return std::nullopt;
  }

  Tokens t_;
  std::vector<Quantity> quantities_;
};

}  // namespace

std::optional<long> parse_number_word(std::string_view lower) {
  if (lower.empty()) return std::nullopt;
  // Digits with thousands commas. (A string with a comma that does not start with a digit or
  // a comma is no number: no number word holds a comma.)
  if ((lower[0] >= '0' && lower[0] <= '9') || lower[0] == ',') {
    long v = 0;
    std::size_t digits = 0;
    for (const char c : lower) {
      if (c == ',') continue;
      if (c < '0' || c > '9' || ++digits > 12) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (digits == 0) return std::nullopt;
    return v;
  }
  if (const long v = number_word_value(lower); v >= 0) return v;
  if (lower.size() < 9) return std::nullopt;  // the shortest compound is "forty-one"
  const std::size_t dash = lower.find('-');
  if (dash != std::string_view::npos) {
    auto tens = small_word(lower.substr(0, dash));
    auto unit = small_word(lower.substr(dash + 1));
    if (tens && unit && *tens >= 20 && *tens % 10 == 0 && *unit >= 1 && *unit <= 9)
      return *tens + *unit;
  }
  return std::nullopt;
}

std::vector<Quantity> find_quantities(std::string_view text, Tokens tokens) {
  return QuantityFinder(text, tokens).run();
}

std::optional<Fatalities> find_fatalities(std::string_view text, Tokens tokens) {
  return FatalityFinder(text, tokens).run();
}

std::optional<Fatalities> find_fatalities(std::string_view sentence) {
  return find_fatalities(sentence, tokenize_for_events(sentence, {0, sentence.size()}));
}

}  // namespace incidentmap
