// The steps every change to the archive takes inside its transaction — the archive's rules,
// the ID number kept unique, history, audit — shared by the child service (one record a
// request) and the roster import (a batch of records a transaction).
#pragma once

#include "domain/store.h"

namespace sw::domain {

// Stores a new, validated record placed at its organisation: gives it an id, applies the
// archive's rules, refuses an ID number already archived (Conflict duplicate_id_number, the
// holder's id as detail) and audits "child.create".
Status InsertChild(Repositories& repos, Child& child, const std::string& now, const Actor& actor);

// A new, validated record made ready to store without storing it: an id, version and times,
// `rules` (those at its organisation) applied, empty extra values dropped.
Status PrepareNewChild(const ArchiveRules& rules, Child& child, const std::string& now);

// Records made ready by PrepareNewChild, and their parents and guardians made ready by
// PrepareFamilyMember, stored together, each child audited "child.create": an import's
// batch. The caller has made sure that none of their ID numbers is archived.
Status InsertNewChildren(Repositories& repos, std::span<const Child> children, std::span<const FamilyMember> family,
                         const std::string& now, const Actor& actor);

// Saves `after`, a validated change of `before`: the archive's rules, the ID number unique,
// one history row per changed field, and `action` audited.
Status SaveChild(Repositories& repos, const Child& before, Child& after, const std::string& now, const Actor& actor,
                 const char* action);

// "father.phone": old → new for each field that differs, phones masked as in lists. The
// child id, time and user are left for the caller to set.
std::vector<ChildChange> FamilyDifferences(const FamilyMember& before, const FamilyMember& after);

// Stores a new, validated parent or guardian of `child` and returns its history rows (as
// FamilyDifferences gives them).
Result<std::vector<ChildChange>> InsertFamilyMemberOf(Repositories& repos, const Child& child, FamilyMember& member,
                                                      const std::string& now);

// A new, validated parent or guardian of `child` made ready to store: an id, the child's id and
// county, version and times.
void PrepareFamilyMember(FamilyMember& member, const Child& child, const std::string& now);

// Sets the time and user of history rows made at `now` and keeps them.
Status KeepHistory(Repositories& repos, std::vector<ChildChange> changes, const std::string& child_id,
                   const std::string& now, const Actor& actor);

}  // namespace sw::domain
