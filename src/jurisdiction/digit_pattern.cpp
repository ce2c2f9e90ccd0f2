#include "jurisdiction/digit_pattern.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace simreg::jurisdiction {

namespace {

using DigitSet = std::uint16_t;  // bit d set: digit d matches
constexpr DigitSet kAllDigits = 0x3FF;
constexpr int kUnbounded = -1;
// Bounded repetition is expanded into copies; no metadata pattern comes near this.
constexpr int kMaxRepeat = 64;

struct Node {
  enum class Kind { digits, concat, alternation, repeat } kind;
  DigitSet digits = 0;
  std::vector<std::unique_ptr<Node>> children;
  int min = 1;
  int max = 1;
};

using NodePtr = std::unique_ptr<Node>;

NodePtr make(Node::Kind kind) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  return node;
}

// Recursive descent over the supported subset; every method returns nullptr on a syntax it does
// not support, which makes compile() give up.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  NodePtr parse() {
    auto node = alternation();
    if (!node || pos_ != text_.size()) return nullptr;
    return node;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  NodePtr alternation() {
    auto node = make(Node::Kind::alternation);
    auto first = concatenation();
    if (!first) return nullptr;
    node->children.push_back(std::move(first));
    while (!at_end() && peek() == '|') {
      ++pos_;
      auto next = concatenation();
      if (!next) return nullptr;
      node->children.push_back(std::move(next));
    }
    return node;
  }

  NodePtr concatenation() {
    auto node = make(Node::Kind::concat);
    while (!at_end() && peek() != '|' && peek() != ')') {
      auto item = repetition();
      if (!item) return nullptr;
      node->children.push_back(std::move(item));
    }
    return node;
  }

  std::optional<int> number() {
    const std::size_t start = pos_;
    int value = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9' && value <= kMaxRepeat)
      value = value * 10 + (text_[pos_++] - '0');
    if (pos_ == start || value > kMaxRepeat) return std::nullopt;
    return value;
  }

  NodePtr repetition() {
    auto item = atom();
    if (!item) return nullptr;
    while (!at_end()) {
      int min = 0;
      int max = 0;
      const char c = peek();
      if (c == '?') {
        min = 0, max = 1;
        ++pos_;
      } else if (c == '*') {
        min = 0, max = kUnbounded;
        ++pos_;
      } else if (c == '+') {
        min = 1, max = kUnbounded;
        ++pos_;
      } else if (c == '{') {
        ++pos_;
        auto low = number();
        if (!low) return nullptr;
        min = max = *low;
        if (!at_end() && peek() == ',') {
          ++pos_;
          if (!at_end() && peek() == '}') {
            max = kUnbounded;
          } else {
            auto high = number();
            if (!high || *high < min) return nullptr;
            max = *high;
          }
        }
        if (at_end() || peek() != '}') return nullptr;
        ++pos_;
      } else {
        break;
      }
      // A lazy quantifier ("{2}?", "??") matches the same strings.
      if (!at_end() && peek() == '?') ++pos_;
      auto repeat = make(Node::Kind::repeat);
      repeat->min = min;
      repeat->max = max;
      repeat->children.push_back(std::move(item));
      item = std::move(repeat);
    }
    return item;
  }

  NodePtr atom() {
    if (at_end()) return nullptr;
    const char c = text_[pos_++];
    if (c >= '0' && c <= '9') return digits(static_cast<DigitSet>(1u << (c - '0')));
    if (c == '\\') {
      if (at_end() || text_[pos_++] != 'd') return nullptr;
      return digits(kAllDigits);
    }
    if (c == '[') return digit_class();
    if (c == '(') {
      if (!at_end() && peek() == '?') {
        if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != ':') return nullptr;  // lookaround etc.
        pos_ += 2;
      }
      auto inner = alternation();
      if (!inner || at_end() || peek() != ')') return nullptr;
      ++pos_;
      return inner;
    }
    return nullptr;
  }

  NodePtr digit_class() {
    bool negated = false;
    if (!at_end() && peek() == '^') {
      negated = true;
      ++pos_;
    }
    DigitSet set = 0;
    bool first = true;
    while (!at_end() && (peek() != ']' || first)) {
      first = false;
      const char c = text_[pos_++];
      if (c == '\\') {
        if (at_end() || text_[pos_++] != 'd') return nullptr;
        set |= kAllDigits;
      } else if (c >= '0' && c <= '9') {
        char high = c;
        if (pos_ + 1 < text_.size() && peek() == '-' && text_[pos_ + 1] != ']') {
          high = text_[pos_ + 1];
          if (high < c || high > '9') return nullptr;
          pos_ += 2;
        }
        for (char d = c; d <= high; ++d) set |= static_cast<DigitSet>(1u << (d - '0'));
      } else {
        return nullptr;
      }
    }
    if (at_end()) return nullptr;
    ++pos_;  // ']'
    return digits(negated ? static_cast<DigitSet>(~set & kAllDigits) : set);
  }

  static NodePtr digits(DigitSet set) {
    auto node = make(Node::Kind::digits);
    node->digits = set;
    return node;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// Thompson NFA: each state has epsilon edges and at most one digit edge.
struct Nfa {
  struct State {
    std::vector<int> epsilon;
    DigitSet digits = 0;
    int target = -1;
  };
  std::vector<State> states;

  int add() {
    states.emplace_back();
    return static_cast<int>(states.size()) - 1;
  }

  // Builds `node` between fresh start and end states; returns {start, end}.
  std::pair<int, int> build(const Node& node) {
    switch (node.kind) {
      case Node::Kind::digits: {
        const int start = add();
        const int end = add();
        states[start].digits = node.digits;
        states[start].target = end;
        return {start, end};
      }
      case Node::Kind::concat: {
        const int start = add();
        int last = start;
        for (const auto& child : node.children) {
          const auto [s, e] = build(*child);
          states[last].epsilon.push_back(s);
          last = e;
        }
        return {start, last};
      }
      case Node::Kind::alternation: {
        const int start = add();
        const int end = add();
        for (const auto& child : node.children) {
          const auto [s, e] = build(*child);
          states[start].epsilon.push_back(s);
          states[e].epsilon.push_back(end);
        }
        return {start, end};
      }
      case Node::Kind::repeat: {
        const Node& child = *node.children.front();
        const int start = add();
        int last = start;
        for (int i = 0; i < node.min; ++i) {
          const auto [s, e] = build(child);
          states[last].epsilon.push_back(s);
          last = e;
        }
        if (node.max == kUnbounded) {
          const auto [s, e] = build(child);
          states[last].epsilon.push_back(s);
          states[e].epsilon.push_back(s);
          const int end = add();
          states[last].epsilon.push_back(end);
          states[e].epsilon.push_back(end);
          return {start, end};
        }
        const int end = add();
        for (int i = node.min; i < node.max; ++i) {
          const auto [s, e] = build(child);
          states[last].epsilon.push_back(s);
          states[last].epsilon.push_back(end);
          last = e;
        }
        states[last].epsilon.push_back(end);
        return {start, end};
      }
    }
    return {-1, -1};
  }

  std::vector<int> closure(std::vector<int> set) const {
    std::vector<bool> seen(states.size(), false);
    std::vector<int> stack = set;
    for (int s : set) seen[s] = true;
    while (!stack.empty()) {
      const int s = stack.back();
      stack.pop_back();
      for (int t : states[s].epsilon) {
        if (!seen[t]) {
          seen[t] = true;
          set.push_back(t);
          stack.push_back(t);
        }
      }
    }
    std::sort(set.begin(), set.end());
    return set;
  }
};

}  // namespace

std::optional<DigitPattern> DigitPattern::compile(std::string_view regex, std::size_t max_states) {
  auto ast = Parser(regex).parse();
  if (!ast) return std::nullopt;
  Nfa nfa;
  const auto [start, end] = nfa.build(*ast);

  // Subset construction over the ten digits.
  DigitPattern pattern;
  std::map<std::vector<int>, std::int32_t> ids;
  std::vector<std::vector<int>> pending;
  auto intern = [&](std::vector<int> set) -> std::int32_t {
    if (set.empty()) return -1;
    auto [it, inserted] =
        ids.emplace(std::move(set), static_cast<std::int32_t>(pattern.accepting_.size()));
    if (inserted) {
      pattern.accepting_.push_back(std::binary_search(it->first.begin(), it->first.end(), end));
      pattern.next_.push_back({});
      pending.push_back(it->first);
    }
    return it->second;
  };
  intern(nfa.closure({start}));
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (pattern.accepting_.size() > max_states) return std::nullopt;
    const std::vector<int> current = pending[i];
    for (int digit = 0; digit < 10; ++digit) {
      std::vector<int> moved;
      for (int s : current) {
        const auto& state = nfa.states[s];
        if (state.target >= 0 && (state.digits >> digit) & 1u) moved.push_back(state.target);
      }
      std::sort(moved.begin(), moved.end());
      moved.erase(std::unique(moved.begin(), moved.end()), moved.end());
      pattern.next_[i][digit] = moved.empty() ? -1 : intern(nfa.closure(std::move(moved)));
    }
  }
  return pattern;
}

bool DigitPattern::matches(std::string_view digits) const {
  std::int32_t state = 0;
  for (char c : digits) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return false;
    state = next_[state][d];
    if (state < 0) return false;
  }
  return accepting_[state];
}

bool DigitPattern::matches_prefix(std::string_view digits) const {
  std::int32_t state = 0;
  if (accepting_[state]) return true;
  for (char c : digits) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return false;
    state = next_[state][d];
    if (state < 0) return false;
    if (accepting_[state]) return true;
  }
  return false;
}

}  // namespace simreg::jurisdiction
