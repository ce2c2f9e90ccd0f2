#include "notify/outbox.hpp"

#include <algorithm>
#include <string_view>

#include "crypto/random.hpp"
#include "notify/recipient.hpp"
#include "notify/templates.hpp"

namespace simreg::notify {
namespace {

constexpr std::string_view kTable = "outbox";
// One purpose for both channels: look-ups by address do not know the channel. Distinct from the
// account tables' purposes, so outbox rows cannot be joined to accounts by index.
constexpr std::string_view kRecipientPurpose = "outbox.recipient";
constexpr int kMaxList = 10000;

constexpr std::string_view kSelect =
    "SELECT id, channel, recipient_sealed, template_id, status, created_at, sent_at, attempts, "
    "subject_sealed, "
    "body_sealed, last_error_code FROM outbox ";

}  // namespace

Outbox::Outbox(db::Database& db, const crypto::FieldSealer& sealer,
               const crypto::BlindIndexer& indexer, const Clock& clock)
    : db_(db), sealer_(sealer), indexer_(indexer), clock_(clock) {}

Result<std::string> Outbox::enqueue(db::Session& tx, const OutboundMessage& message) {
  SIMREG_TRY_ASSIGN(const std::string to, normalize_recipient(message.channel, message.to));
  SIMREG_TRY_ASSIGN(const RenderedMessage rendered,
                    render_template(message.template_id, message.locale, message.params));
  const std::string id = crypto::random_id("msg");
  const std::int64_t now = clock_.now_ms();
  const std::string subject = message.channel == Channel::email ? rendered.subject : std::string();
  SIMREG_TRY(tx.execute(
      "INSERT INTO outbox (id, channel, recipient_index, recipient_sealed, template_id, locale, "
      "subject_sealed, "
      "body_sealed, status, attempts, next_attempt_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9)",
      {id, std::string(channel_code(message.channel)), indexer_.compute(kRecipientPurpose, to),
       db::Bytes{sealer_.seal(to, {kTable, "recipient_sealed", id})}, message.template_id,
       rendered.locale, db::Bytes{sealer_.seal(subject, {kTable, "subject_sealed", id})},
       db::Bytes{sealer_.seal(rendered.body, {kTable, "body_sealed", id})}, now}));
  return id;
}

Result<std::vector<OutboxEntry>> Outbox::list(std::optional<std::string> to, int limit,
                                              std::optional<std::string> status) {
  if (limit < 1 || limit > kMaxList) {
    return Error::make(ErrorKind::invalid_input, "notify.invalid_limit",
                       "Ask for between 1 and 10000 messages.");
  }
  static constexpr std::string_view kStatuses[] = {"pending", "sending", "sent", "failed"};
  if (status && std::find(std::begin(kStatuses), std::end(kStatuses), *status) == std::end(kStatuses)) {
    return Error::make(ErrorKind::invalid_input, "notify.invalid_status",
                       "The status is one of pending, sending, sent or failed.");
  }
  std::string where;
  std::vector<db::Value> params;
  if (to) {
    auto normalized = normalize_recipient(guess_channel(*to), *to);
    if (!normalized) return std::vector<OutboxEntry>{};
    params.emplace_back(indexer_.compute(kRecipientPurpose, *normalized));
    where += "recipient_index = $" + std::to_string(params.size());
  }
  if (status) {
    params.emplace_back(*status);
    where += (where.empty() ? "" : " AND ") + std::string("status = $") + std::to_string(params.size());
  }
  params.emplace_back(std::int64_t{limit});
  SIMREG_TRY_ASSIGN(auto rows, db_.execute(std::string(kSelect) + (where.empty() ? "" : "WHERE " + where) +
                                               " ORDER BY created_at DESC, id DESC LIMIT $" +
                                               std::to_string(params.size()),
                                           params));
  std::vector<OutboxEntry> entries;
  entries.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    SIMREG_TRY_ASSIGN(auto entry, open_row(row));
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<std::optional<OutboxEntry>> Outbox::get(const std::string& id) {
  SIMREG_TRY_ASSIGN(auto rows, db_.execute(std::string(kSelect) + "WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<OutboxEntry>{};
  SIMREG_TRY_ASSIGN(auto entry, open_row(rows.first()));
  return std::optional<OutboxEntry>(std::move(entry));
}

Result<RetryReport> Outbox::retry_failed() {
  const auto resendable = resendable_template_ids();
  std::vector<db::Value> params{clock_.now_ms()};
  std::string listed;
  for (const auto& id : resendable) {
    params.emplace_back(id);
    listed += (listed.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  RetryReport report;
  SIMREG_TRY(db_.transaction([&](db::Session& tx) -> Result<void> {
    SIMREG_TRY_ASSIGN(auto requeued,
                      tx.execute("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, "
                                 "lease_expires_at = NULL, last_error_code = NULL "
                                 "WHERE status = 'failed' AND template_id IN (" + listed + ")",
                                 params));
    SIMREG_TRY_ASSIGN(auto left, tx.execute("SELECT COUNT(*) FROM outbox WHERE status = 'failed'"));
    report.requeued = requeued.rows_affected;
    report.skipped_codes = left.first().integer(0);
    return success();
  }));
  return report;
}

Result<OutboxEntry> Outbox::open_row(const db::Row& row) const {
  OutboxEntry entry;
  entry.id = row.text(0);
  entry.channel = row.text(1) == "sms" ? Channel::sms : Channel::email;
  SIMREG_TRY_ASSIGN(entry.to, sealer_.open(row.bytes(2), {kTable, "recipient_sealed", entry.id}));
  entry.template_id = row.text(3);
  entry.status = row.text(4);
  entry.created_at_ms = row.integer(5);
  entry.sent_at_ms = row.opt_integer(6);
  entry.attempts = static_cast<int>(row.integer(7));
  SIMREG_TRY_ASSIGN(entry.subject,
                    sealer_.open(row.bytes(8), {kTable, "subject_sealed", entry.id}));
  SIMREG_TRY_ASSIGN(entry.body, sealer_.open(row.bytes(9), {kTable, "body_sealed", entry.id}));
  entry.last_error_code = row.text(10);
  return entry;
}

}  // namespace simreg::notify
