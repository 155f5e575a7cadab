// domain::EvidenceFiles as files under the data directory: evidence/ab/abcdef….jpg and
// ….thumb.jpg (two hex characters per folder, so no folder holds too many files). Each file is
// written to a temporary name, flushed to disk and renamed, so a crash leaves a whole file or none.
#pragma once

#include <filesystem>

#include "domain/care/evidence.h"

namespace sw::storage {

class DirectoryEvidenceFiles final : public domain::EvidenceFiles {
 public:
  explicit DirectoryEvidenceFiles(std::filesystem::path root) : root_(std::move(root)) {}
  Status Put(const std::string& id, const domain::CleanImage& image) override;
  Result<std::string> Read(const std::string& id, bool thumbnail) const override;
  Status Remove(const std::string& id) override;

 private:
  // Internal for an id that is not one of ours (only lower-case hex names a file).
  Result<std::filesystem::path> PathOf(const std::string& id, bool thumbnail) const;

  std::filesystem::path root_;
};

}  // namespace sw::storage
