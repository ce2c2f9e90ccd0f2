#include "http/metrics.hpp"

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
  ++requests_[{std::string(route_pattern), std::string(method), status}];
  Histogram& histogram = durations_[std::string(route_pattern)];
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
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out +=
          fmt::format("simreg_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                      escape_label_value(route), escape_label_value(method), status, count);
    }
    out +=
        "# HELP simreg_http_request_duration_seconds Time from request start to response "
        "written.\n";
    out += "# TYPE simreg_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : durations_) {
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
    }
    collectors = collectors_;
  }
  // Collectors may take their own locks (db pool); call them outside ours.
  for (const auto& collector : collectors) out += collector();
  return out;
}

}  // namespace simreg::http
