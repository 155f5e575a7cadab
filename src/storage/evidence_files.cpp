#include "storage/evidence_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace sw::storage {
namespace {

namespace fs = std::filesystem;

bool IsOurId(const std::string& id) {
  if (id.size() < 8 || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Writes `bytes` to `path` whole: a temporary file, fsync, rename.
Status WriteWhole(const fs::path& path, const std::string& bytes) {
  const fs::path temporary = fs::path(path).concat(".part");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + temporary.string());
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool flushed = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code error;
  if (flushed) fs::rename(temporary, path, error);
  if (!flushed || error) {
    fs::remove(temporary, error);
    return Status::Internal("cannot write " + path.string());
  }
  return Status::Ok();
}

}  // namespace

Result<fs::path> DirectoryEvidenceFiles::PathOf(const std::string& id, bool thumbnail) const {
  if (!IsOurId(id)) return Status::Internal("not an evidence id");
  return root_ / id.substr(0, 2) / (id + (thumbnail ? ".thumb.jpg" : ".jpg"));
}

Status DirectoryEvidenceFiles::Put(const std::string& id, const domain::CleanImage& image) {
  auto full = PathOf(id, false);
  auto thumbnail = PathOf(id, true);
  if (!full.ok()) return full.status();
  std::error_code error;
  fs::create_directories(full->parent_path(), error);
  if (error) return Status::Internal("cannot create " + full->parent_path().string());
  Status written = WriteWhole(*full, image.bytes);
  if (written.ok()) written = WriteWhole(*thumbnail, image.thumbnail);
  if (!written.ok()) (void)Remove(id);
  return written;
}

Result<std::string> DirectoryEvidenceFiles::Read(const std::string& id, bool thumbnail) const {
  auto path = PathOf(id, thumbnail);
  if (!path.ok()) return path.status();
  std::ifstream file(*path, std::ios::binary);
  if (!file) return Status::NotFound("evidence file missing");
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

Status DirectoryEvidenceFiles::Remove(const std::string& id) {
  for (bool thumbnail : {false, true}) {
    auto path = PathOf(id, thumbnail);
    if (!path.ok()) return path.status();
    std::error_code error;
    fs::remove(*path, error);
    if (error) return Status::Internal("cannot remove " + path->string());
  }
  return Status::Ok();
}

}  // namespace sw::storage
