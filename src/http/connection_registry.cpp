#include "http/connection_registry.hpp"

#include <vector>

namespace simreg::http {
namespace {

std::vector<std::shared_ptr<ConnectionControl>> lock_all(
    const std::unordered_map<ConnectionRegistry::Id, std::weak_ptr<ConnectionControl>>&
        connections) {
  std::vector<std::shared_ptr<ConnectionControl>> out;
  out.reserve(connections.size());
  for (const auto& [id, weak] : connections) {
    if (auto connection = weak.lock()) out.push_back(std::move(connection));
  }
  return out;
}

}  // namespace

ConnectionRegistry::Id ConnectionRegistry::add(std::weak_ptr<ConnectionControl> connection) {
  std::lock_guard lock(mutex_);
  const Id id = next_id_++;
  connections_.emplace(id, std::move(connection));
  return id;
}

void ConnectionRegistry::remove(Id id) {
  std::function<void()> on_empty;
  {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
    if (!connections_.empty() || !stopping_.load(std::memory_order_relaxed)) return;
    on_empty = std::move(on_empty_);
    on_empty_ = nullptr;
  }
  if (on_empty) on_empty();
}

void ConnectionRegistry::begin_shutdown(std::function<void()> on_empty) {
  std::vector<std::shared_ptr<ConnectionControl>> live;
  {
    std::lock_guard lock(mutex_);
    if (stopping_.load(std::memory_order_relaxed)) return;
    stopping_.store(true, std::memory_order_release);
    if (!connections_.empty()) {
      on_empty_ = std::move(on_empty);
      live = lock_all(connections_);
    }
  }
  if (live.empty() && on_empty) {
    on_empty();
    return;
  }
  for (const auto& connection : live) connection->close_if_idle();
}

void ConnectionRegistry::close_all() {
  std::vector<std::shared_ptr<ConnectionControl>> live;
  {
    std::lock_guard lock(mutex_);
    live = lock_all(connections_);
  }
  for (const auto& connection : live) connection->close_now();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

}  // namespace simreg::http
