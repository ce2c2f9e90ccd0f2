#include "http/metrics.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "http/worker_pool.hpp"

namespace simreg::http {
namespace {

std::string format_bound(double bound) { return fmt::format("{}", bound); }

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::observe_request(std::string_view route_pattern, std::string_view method,
                              unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  auto route = routes_.find(route_pattern);
  if (route == routes_.end()) {
    route = routes_.emplace(std::string(route_pattern), RouteStats{}).first;
  }
  auto& counters = route->second.counters;
  auto counter = std::find_if(counters.begin(), counters.end(), [&](const Counter& c) {
    return c.status == status && c.method == method;
  });
  if (counter == counters.end()) {
    counter = counters.insert(counters.end(), Counter{std::string(method), status, 0});
  }
  ++counter->count;
  Histogram& histogram = route->second.durations;
  for (std::size_t i = 0; i < std::size(kBuckets); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::add_collector(std::function<std::string()> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

void Metrics::watch_pool(const WorkerPool* pool) {
  std::lock_guard lock(mutex_);
  pool_ = pool;
}

std::string Metrics::render() const {
  std::vector<std::function<std::string()>> collectors;
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out +=
        "# HELP simreg_http_requests_total HTTP requests answered, by route pattern, method and "
        "status.\n";
    out += "# TYPE simreg_http_requests_total counter\n";
    for (const auto& [route, stats] : routes_) {
      std::vector<const Counter*> sorted;
      for (const auto& counter : stats.counters) sorted.push_back(&counter);
      std::sort(sorted.begin(), sorted.end(), [](const Counter* a, const Counter* b) {
        return std::tie(a->method, a->status) < std::tie(b->method, b->status);
      });
      for (const Counter* counter : sorted) {
        out += fmt::format(
            "simreg_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
            escape_label_value(route), escape_label_value(counter->method), counter->status,
            counter->count);
      }
    }
    out +=
        "# HELP simreg_http_request_duration_seconds Time from request start to response "
        "written.\n";
    out += "# TYPE simreg_http_request_duration_seconds histogram\n";
    for (const auto& [route, stats] : routes_) {
      const Histogram& histogram = stats.durations;
      const std::string label = escape_label_value(route);
      for (std::size_t i = 0; i < std::size(kBuckets); ++i) {
        out += fmt::format(
            "simreg_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
            format_bound(kBuckets[i]), histogram.buckets[i]);
      }
      out += fmt::format(
          "simreg_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
          histogram.count);
      out += fmt::format("simreg_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                         histogram.sum);
      out += fmt::format("simreg_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                         histogram.count);
    }
    out += "# HELP simreg_http_in_flight Requests being processed right now.\n";
    out += "# TYPE simreg_http_in_flight gauge\n";
    out += fmt::format("simreg_http_in_flight {}\n", in_flight_.load(std::memory_order_relaxed));
    if (pool_) {
      out += "# HELP simreg_worker_queue_depth Jobs waiting for a worker thread.\n";
      out += "# TYPE simreg_worker_queue_depth gauge\n";
      out += fmt::format("simreg_worker_queue_depth {}\n", pool_->queue_depth());
      out +=
          "# HELP simreg_worker_queue_capacity Jobs the worker queue holds before answering 503.\n";
      out += "# TYPE simreg_worker_queue_capacity gauge\n";
      out += fmt::format("simreg_worker_queue_capacity {}\n", pool_->capacity());
      out += "# HELP simreg_worker_threads Worker threads for blocking work.\n";
      out += "# TYPE simreg_worker_threads gauge\n";
      out += fmt::format("simreg_worker_threads {}\n", pool_->threads());
      out += "# HELP simreg_worker_busy Worker threads running a job right now.\n";
      out += "# TYPE simreg_worker_busy gauge\n";
      out += fmt::format("simreg_worker_busy {}\n", pool_->busy_threads());
    }
    collectors = collectors_;
  }
  // Collectors may take their own locks (db pool); call them outside ours.
  for (const auto& collector : collectors) out += collector();
  return out;
}

}  // namespace simreg::http
