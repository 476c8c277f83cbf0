#include "src/events/actors.h"

namespace incidentmap {

namespace {

const WordSet kStopWords(
    "in|on|at|near|during|after|before|from|to|with|by|for|into|over|under|against|since|"
    "outside|inside|across|around|toward|towards|through|upon|amid|despite|while|when|as|"
    "because|that|which|who|whom|where|if|and|or|but|although|though|whereas|said|says|say|"
    "told|reported|according|added|claimed|stated|announced|confirmed|killing|leaving|wounding|"
    "injuring|was|were|is|are|be|been|being|has|have|had|will|would|could|may|might|can|did|"
    "do|does|not|also|then|reportedly|allegedly|later|yesterday|today|tonight|overnight|"
    "there|here|than|so|such");
const WordSet kDeterminers("the|a|an|this|that|these|those");
const WordSet kPronouns("he|she|it|they|we|i|you|him|her|them|us|someone|somebody|who|which|one");
const WordSet kFillers(
    "have|has|had|was|were|is|are|been|being|be|reportedly|allegedly|also|later|then|who|that|"
    "which|had|once|again|first|subsequently|apparently|eventually|all|both|not|never|did|"
    "would|could|will|may|might|can");

const WordSet kObjectPrepositions("on|at|upon|against|with");
const WordSet kTargetPrepositions("on|against|upon|targeting|at");
const WordSet kBy("by");
// Before a trigger, these make it a noun ("the attack", "after clashes").
const WordSet kBeforeNoun(
    "a|an|the|this|that|its|their|his|her|another|in|on|at|after|during|of|from|following|amid|"
    "despite|before");
const WordSet kIrregularParticiples("slain|shot|taken|held|hit|beaten|struck|found");
// After a participle, these show that it has no object: "Five killed in ...".
const WordSet kAfterReducedPassive(
    "in|at|on|near|during|after|while|when|by|outside|inside|as|and|overnight|early|late|last|"
    "yesterday|today|since|amid");
const WordSet kBeforeDate("on|early|late");

class ActorFinder {
 public:
  ActorFinder(Tokens tokens, const std::vector<TriggerMatch>& triggers,
              const std::vector<ByteSpan>& skip, const std::vector<int>& clauses)
      : t_(tokens), triggers_(triggers), skip_(skip), clauses_(clauses) {}

  Actors run(std::size_t index) {
    const TriggerMatch& m = triggers_[index];
    Actors a;
    if (m.kind == EventKind::kArmedClash && between(m, a)) return a;
    const bool nominal = is_nominal(m);
    const bool passive = m.passive || reduced_passive(m);
    std::optional<ByteSpan> before = nominal ? std::nullopt : np_before(m);
    if (nominal) {
      a.actor2 = np_after_prep(m.last_token, kTargetPrepositions);
      a.actor1 = np_after_prep(m.last_token, kBy);
      return a;
    }
    if (passive) {
      a.actor2 = before;
      a.actor1 = np_after_prep(m.last_token, kBy);
      return a;
    }
    a.actor1 = before;
    std::size_t j = m.last_token;
    if (j < t_.size() && kObjectPrepositions.contains(t_[j].lower)) ++j;
    a.actor2 = np_after(j, m.clause);
    if (m.kind == EventKind::kArmedClash && a.actor1 && !a.actor2) split_and(a);
    return a;
  }

 private:
  bool in_skip(std::size_t i) const {
    for (const ByteSpan& s : skip_)
      if (s.contains(t_[i].span)) return true;
    return false;
  }

  // Violent triggers end noun phrases; others ("patrol", "protesters") may be part of them.
  bool in_trigger(std::size_t i) const {
    for (const TriggerMatch& m : triggers_)
      if (i >= m.first_token && i < m.last_token && event_kind_info(m.kind).violent) return true;
    return false;
  }

  bool np_word(std::size_t i) const {
    return t_[i].is_word && !kStopWords.contains(t_[i].lower) && !in_skip(i) && !in_trigger(i);
  }

  // Trims leading determiners and rejects lone pronouns.
  std::optional<ByteSpan> make(std::size_t first, std::size_t last) const {
    while (first < last && kDeterminers.contains(t_[first].lower)) ++first;
    if (first >= last) return std::nullopt;
    if (last - first == 1 && kPronouns.contains(t_[first].lower)) return std::nullopt;
    return ByteSpan{t_[first].span.begin, t_[last - 1].span.end};
  }

  // A trigger used as a noun: a determiner or preposition shortly before it, with only
  // modifiers in between ("the attack", "in Mexican drug clash").
  bool is_nominal(const TriggerMatch& m) const {
    if (t_[m.first_token].lower.ends_with("ed")) return false;
    for (std::size_t back = 1; back <= 3 && back <= m.first_token; ++back) {
      const EventToken& t = t_[m.first_token - back];
      if (!t.is_word) return false;
      if (kBeforeNoun.contains(t.lower)) return true;
      if (kStopWords.contains(t.lower)) return false;
    }
    return false;
  }

  // A participle with nothing object-like after it: "Five killed in Culiacan".
  bool reduced_passive(const TriggerMatch& m) const {
    // Only verbs that take a victim or target as object ("marched", "clashed" do not).
    switch (m.kind) {
      case EventKind::kKilling:
      case EventKind::kWounding:
      case EventKind::kAttack:
      case EventKind::kAbduction:
      case EventKind::kSexualViolence:
      case EventKind::kArrest:
      case EventKind::kCapture:
      case EventKind::kBodyFound:
        break;
      default:
        return false;
    }
    const std::string_view w = t_[m.first_token].lower;
    if (m.last_token - m.first_token != 1) return false;
    if (!(w.ends_with("ed") || kIrregularParticiples.contains(w))) return false;
    const std::size_t j = m.last_token;
    if (j >= t_.size() || !t_[j].is_word || in_skip(j)) return true;
    return kAfterReducedPassive.contains(t_[j].lower);
  }

  std::optional<ByteSpan> np_before(const TriggerMatch& m) const {
    std::size_t i = m.first_token;
    // Auxiliaries, adverbs, relative pronouns and dates between subject and verb.
    while (i > 0 && clauses_[i - 1] == m.clause) {
      const EventToken& t = t_[i - 1];
      if (in_skip(i - 1) || (t.is_word && (kFillers.contains(t.lower) || t.lower.ends_with("ly") ||
                                           t.lower.ends_with("n't")))) {
        --i;
      } else if (t.is_word && kBeforeDate.contains(t.lower) && i < m.first_token && in_skip(i)) {
        --i;  // "on" of "on Thursday"
      } else {
        break;
      }
    }
    const std::size_t last = i;
    const bool allow_and = m.kind == EventKind::kArmedClash;
    while (i > 0 && last - i < 8) {
      const std::size_t k = i - 1;
      if (allow_and && t_[k].lower == "and" && i < last) {
        --i;
        continue;
      }
      if (!np_word(k)) break;
      --i;
    }
    return make(i, last);
  }

  std::optional<ByteSpan> np_after(std::size_t j, int clause) const {
    if (j < t_.size() && t_[j].lower == "of") ++j;  // "the extradition of the suspect"
    std::size_t e = j;
    while (e < t_.size() && e - j < 8 && clauses_[e] == clause && np_word(e)) ++e;
    return make(j, e);
  }

  // The noun phrase after the first of `preps` that follows the trigger in its clause.
  std::optional<ByteSpan> np_after_prep(std::size_t from, const WordSet& preps) const {
    const int clause = from > 0 ? clauses_[from - 1] : 0;
    for (std::size_t j = from; j < t_.size() && j < from + 10 && clauses_[j] == clause; ++j) {
      if (preps.contains(t_[j].lower)) return np_after(j + 1, clause);
      if (!t_[j].is_word) break;
    }
    return std::nullopt;
  }

  bool between(const TriggerMatch& m, Actors& a) const {
    for (std::size_t j = m.last_token; j < t_.size() && j < m.last_token + 6; ++j) {
      if (clauses_[j] != m.clause) break;
      if (t_[j].lower != "between") continue;
      std::size_t k = j + 1;
      while (k < t_.size() && t_[k].lower != "and" && np_word(k)) ++k;
      if (k >= t_.size() || t_[k].lower != "and") return false;
      a.actor1 = make(j + 1, k);
      a.actor2 = np_after(k + 1, m.clause);
      return a.actor1.has_value();
    }
    return false;
  }

  // "Police and gunmen clashed": actor1 "Police", actor2 "gunmen".
  void split_and(Actors& a) const {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      if (t_[i].lower != "and" || !a.actor1->contains(t_[i].span)) continue;
      std::size_t first = i, last = i + 1;
      while (first > 0 && t_[first - 1].span.begin >= a.actor1->begin) --first;
      while (last < t_.size() && t_[last].span.end <= a.actor1->end) ++last;
      const auto left = make(first, i);
      const auto right = make(i + 1, last);
      if (left && right) {
        a.actor1 = left;
        a.actor2 = right;
      }
      return;
    }
  }

  Tokens t_;
  const std::vector<TriggerMatch>& triggers_;
  const std::vector<ByteSpan>& skip_;
  const std::vector<int>& clauses_;
};

}  // namespace

Actors find_actors(Tokens tokens, const std::vector<TriggerMatch>& triggers, std::size_t index,
                   const std::vector<ByteSpan>& skip, const std::vector<int>* clauses) {
  if (index >= triggers.size()) return {};
  if (clauses) return ActorFinder(tokens, triggers, skip, *clauses).run(index);
  const std::vector<int> own = clause_ids(tokens);
  return ActorFinder(tokens, triggers, skip, own).run(index);
}

}  // namespace incidentmap
