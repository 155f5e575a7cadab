// Answers drawn from the organisation tree alone, kept per thread. Organisations are never moved
// or deleted, and their kinds and codes never change, so such an answer stays true once found: a
// province official's list asked the same questions of the tree for every page.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sw::storage {

// The key of a question about these organisations: their ids, each after a space, after `first`.
inline std::string TreeMemoKey(const std::vector<std::string>& organisations, std::string first = "") {
  for (const std::string& organisation : organisations) first += " " + organisation;
  return first;
}

template <typename Answer>
class TreeMemo {
 public:
  // The answer kept for `key`, or nullptr.
  const Answer* Find(const std::string& key) const {
    auto found = answers_.find(key);
    return found == answers_.end() ? nullptr : &found->second;
  }

  // Bounded: when full, everything is forgotten and asked again, which costs only time.
  void Keep(std::string key, Answer answer) {
    if (answers_.size() >= kKept) answers_.clear();
    answers_.insert_or_assign(std::move(key), std::move(answer));
  }

 private:
  static constexpr std::size_t kKept = 4096;
  std::unordered_map<std::string, Answer> answers_;
};

}  // namespace sw::storage
