#include "domain/sessions/session_cache.h"

#include <algorithm>

namespace sw::domain {

bool SessionCache::Fresh(const Kept& kept, TimePoint now) const {
  return kept.read_at <= now && now - kept.read_at < fresh_for_;
}

std::optional<SignedIn> SessionCache::Find(const std::string& token_hash, TimePoint now) const {
  std::lock_guard lock(mutex_);
  const auto kept = by_token_hash_.find(token_hash);
  if (kept == by_token_hash_.end() || !Fresh(kept->second, now)) return std::nullopt;
  return kept->second.signed_in;
}

SessionCache::Generation SessionCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void SessionCache::Keep(const SignedIn& signed_in, TimePoint now, Generation read_in) {
  std::lock_guard lock(mutex_);
  if (read_in != generation_) return;
  by_token_hash_.insert_or_assign(signed_in.session.token_hash, Kept{.signed_in = signed_in, .read_at = now});
  if (by_token_hash_.size() < sweep_at_) return;
  std::erase_if(by_token_hash_, [&](const auto& entry) { return !Fresh(entry.second, now); });
  sweep_at_ = std::max(kFirstSweep, 2 * by_token_hash_.size());
}

void SessionCache::Forget(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  ++generation_;
  by_token_hash_.erase(token_hash);
}

void SessionCache::ForgetUser(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  ++generation_;
  std::erase_if(by_token_hash_, [&](const auto& entry) { return entry.second.signed_in.user.id == user_id; });
}

std::size_t SessionCache::size() const {
  std::lock_guard lock(mutex_);
  return by_token_hash_.size();
}

}  // namespace sw::domain
