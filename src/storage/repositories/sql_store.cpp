#include "storage/repositories/sql_repositories.h"

namespace sw::storage {
namespace {

Status WithRepositories(Executor& tx, Dialect dialect, const domain::Store::Work& work) {
  SqlOrgRepository orgs(tx);
  SqlUserRepository users(tx);
  SqlChildRepository children(tx, dialect);
  SqlArchiveSettingsRepository archive(tx);
  SqlTransferRepository transfers(tx);
  SqlPairingRepository pairings(tx);
  SqlCareRepository care(tx);
  SqlNotificationRepository notifications(tx);
  SqlOutboxRepository outbox(tx);
  SqlLoginThrottle throttle(tx);
  SqlSessionRepository sessions(tx);
  SqlAuditLog audit(tx, dialect);
  domain::Repositories repositories{orgs, users, children, archive, transfers, pairings, care, notifications, outbox, throttle, sessions, audit};
  return work(repositories);
}

}  // namespace

Status SqlStore::Write(const Work& work) {
  return database_.Write([&](Executor& tx) { return WithRepositories(tx, database_.dialect(), work); });
}

Status SqlStore::Read(const Work& work) {
  return database_.Read([&](Executor& tx) { return WithRepositories(tx, database_.dialect(), work); });
}

}  // namespace sw::storage
