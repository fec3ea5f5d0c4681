#include "model/table_expression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

// How tightly a binary operator binds, for writing an expression back with the parentheses it needs.
int Precedence(const TableExpression& node) {
  if (node.kind == TableExpression::Kind::kUnary) return node.text == "not" ? 3 : 8;
  if (node.kind != TableExpression::Kind::kBinary) return 10;
  const std::string& op = node.text;
  if (op == "or") return 1;
  if (op == "and") return 2;
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") return 4;
  if (op == "+" || op == "-") return 5;
  if (op == "*" || op == "/" || op == "%") return 6;
  if (op == ":") return 7;
  return 9;  // ^
}

std::string Operand(const TableExpression& child, int parent, bool right) {
  const int own = Precedence(child);
  // Left-associative operators need parentheses around an equal right operand, '^' around an equal left one.
  const bool wrap = own < parent || (own == parent && (right != (parent == 9)));
  return wrap ? "(" + child.ToString() + ")" : child.ToString();
}

bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

bool IsNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// A name the parser reads back without backticks.
bool IsPlainName(const std::string& name) {
  if (name.empty() || !IsNameStart(name[0]) || name == "and" || name == "or" || name == "not") return false;
  if (name[0] == '.' && name.size() > 1 && std::isdigit(static_cast<unsigned char>(name[1])) != 0)
    return false;
  return std::all_of(name.begin(), name.end(), IsNameCharacter);
}

constexpr std::size_t kMaxOperators = 2000;
// Parentheses, calls and signs nest at most this deep: each level is a dozen frames of the parser, and a
// sanitizer's frames are large.
constexpr std::size_t kMaxNesting = 200;

class Parser {
 public:
  Parser(const std::string& source, std::size_t at, const std::string& what)
      : source_(source), at_(at), what_(what) {}

  TableExpression Parse() { return ParseOr(); }
  std::size_t End() { return Here(); }

 private:
  [[noreturn]] void Expected(const std::string& expected) {
    SkipSpace();
    const std::string found =
        at_ < source_.size() ? fmt::format(" (found '{}')", source_[at_]) : " (found the end)";
    FailAt(what_, source_, at_, "expected " + expected + found);
  }

  // The offset of the next token.
  std::size_t Here() {
    SkipSpace();
    return at_;
  }

  void SkipSpace() {
    while (at_ < source_.size() && std::isspace(static_cast<unsigned char>(source_[at_])) != 0) ++at_;
  }

  // The operator among `options` that starts here (longest first), without consuming it.
  std::string_view Peek(std::initializer_list<std::string_view> options) {
    SkipSpace();
    for (const std::string_view option : options) {
      if (source_.compare(at_, option.size(), option) != 0) continue;
      // Words must end at a word boundary; '=' and '|' and '&' must not be the first half of '==', '||',
      // '&&'.
      const std::size_t after = at_ + option.size();
      if (IsNameStart(option[0]) && after < source_.size() && IsNameCharacter(source_[after])) continue;
      return option;
    }
    return {};
  }

  bool Accept(std::string_view token) {
    if (Peek({token}).empty()) return false;
    at_ += token.size();
    return true;
  }

  static TableExpression Node(TableExpression::Kind kind, std::string text, std::size_t position) {
    TableExpression node;
    node.kind = kind;
    node.text = std::move(text);
    node.position = position;
    return node;
  }

  // Bounds the depth of the tree (and of every recursion over it): a formula or filter has far fewer.
  void Count(std::size_t position) {
    if (++operators_ > kMaxOperators)
      FailAt(what_, source_, position,
             fmt::format("the expression has more than {} operators", kMaxOperators));
  }

  TableExpression Binary(std::string op, TableExpression left, TableExpression right, std::size_t position) {
    Count(position);
    auto node = Node(TableExpression::Kind::kBinary, std::move(op), position);
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
  }

  // Counts one level of nesting for as long as it lives.
  class Nesting {
   public:
    Nesting(Parser& parser, std::size_t position) : parser_(parser) {
      if (++parser_.depth_ > kMaxNesting)
        FailAt(parser_.what_, parser_.source_, position,
               fmt::format("the expression nests more than {} levels deep", kMaxNesting));
    }
    ~Nesting() { --parser_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& parser_;
  };

  TableExpression ParseOr() {
    const Nesting level(*this, Here());
    auto left = ParseAnd();
    while (true) {
      const std::size_t position = Here();
      if (!Accept("||") && !Accept("or")) return left;
      left = Binary("or", std::move(left), ParseAnd(), position);
    }
  }

  TableExpression ParseAnd() {
    auto left = ParseNot();
    while (true) {
      const std::size_t position = Here();
      if (!Accept("&&") && !Accept("and") && !Accept("&")) return left;
      left = Binary("and", std::move(left), ParseNot(), position);
    }
  }

  TableExpression ParseNot() {
    const std::size_t position = Here();
    if (Peek({"!="}).empty() && (Accept("!") || Accept("not"))) {
      Count(position);
      auto node = Node(TableExpression::Kind::kUnary, "not", position);
      node.children.push_back(ParseNot());
      return node;
    }
    return ParseComparison();
  }

  TableExpression ParseComparison() {
    auto left = ParseSum();
    const std::size_t position = Here();
    const std::string_view op = Peek({"==", "!=", "<=", ">=", "<", ">"});
    if (op.empty()) return left;
    at_ += op.size();
    return Binary(std::string(op), std::move(left), ParseSum(), position);
  }

  TableExpression ParseSum() {
    auto left = ParseProduct();
    while (true) {
      const std::size_t position = Here();
      const std::string_view op = Peek({"+", "-"});
      if (op.empty()) return left;
      at_ += op.size();
      left = Binary(std::string(op), std::move(left), ParseProduct(), position);
    }
  }

  TableExpression ParseProduct() {
    auto left = ParseInteraction();
    while (true) {
      const std::size_t position = Here();
      const std::string_view op = Peek({"%%", "*", "/", "%"});
      if (op.empty()) return left;
      at_ += op.size();
      left = Binary(op == "%%" ? "%" : std::string(op), std::move(left), ParseInteraction(), position);
    }
  }

  TableExpression ParseInteraction() {
    auto left = ParseUnary();
    while (true) {
      const std::size_t position = Here();
      if (!Accept(":")) return left;
      left = Binary(":", std::move(left), ParseUnary(), position);
    }
  }

  TableExpression ParseUnary() {
    const std::size_t position = Here();
    const Nesting level(*this, position);
    const std::string_view op = Peek({"-", "+"});
    if (op.empty()) return ParsePower();
    at_ += op.size();
    Count(position);
    auto node = Node(TableExpression::Kind::kUnary, std::string(op), position);
    node.children.push_back(ParseUnary());
    return node;
  }

  TableExpression ParsePower() {
    auto base = ParsePrimary();
    const std::size_t position = Here();
    if (!Accept("^")) return base;
    return Binary("^", std::move(base), ParseUnary(), position);  // right-associative: 2^-1, a^b^c
  }

  TableExpression ParsePrimary() {
    SkipSpace();
    const std::size_t start = at_;
    if (at_ >= source_.size()) Expected("a column, a number, a function or '('");
    const char c = source_[at_];
    if (c == '(') {
      ++at_;
      Count(start);
      auto inner = ParseOr();
      if (!Accept(")")) Expected("')'");
      return inner;
    }
    if (c == '"' || c == '\'') return ParseString(c);
    if (c == '`') {
      const std::size_t close = source_.find('`', at_ + 1);
      if (close == std::string::npos) FailAt(what_, source_, start, "a name opened with '`' is not closed");
      at_ = close + 1;
      return Node(TableExpression::Kind::kName, source_.substr(start + 1, close - start - 1), start);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
        (c == '.' && at_ + 1 < source_.size() &&
         std::isdigit(static_cast<unsigned char>(source_[at_ + 1])))) {
      return ParseNumber();
    }
    if (!IsNameStart(c)) Expected("a column, a number, a function or '('");
    while (at_ < source_.size() && IsNameCharacter(source_[at_])) ++at_;
    auto node = Node(TableExpression::Kind::kName, source_.substr(start, at_ - start), start);
    if (node.text == "and" || node.text == "or" || node.text == "not") {
      at_ = start;
      Expected("a column, a number, a function or '('");
    }
    SkipSpace();
    if (at_ >= source_.size() || source_[at_] != '(') return node;
    ++at_;
    Count(start);
    node.kind = TableExpression::Kind::kCall;
    if (Accept(")")) return node;
    do {
      SkipSpace();
      const std::size_t mark = at_;
      std::string label;
      while (at_ < source_.size() && IsNameCharacter(source_[at_])) ++at_;
      if (at_ > mark && Peek({"=="}).empty() && Accept("=")) {
        label = source_.substr(mark, at_ - mark);
        label.erase(label.find_last_not_of(" =") + 1);
      } else {
        at_ = mark;
      }
      node.children.push_back(ParseOr());
      node.children.back().label = label;
    } while (Accept(","));
    if (!Accept(")")) Expected("',' or ')' in the arguments of " + node.text + "()");
    return node;
  }

  TableExpression ParseString(char quote) {
    const std::size_t start = at_++;
    std::string value;
    while (at_ < source_.size() && source_[at_] != quote) value += source_[at_++];
    if (at_ >= source_.size()) FailAt(what_, source_, start, "a quoted string is not closed");
    ++at_;
    return Node(TableExpression::Kind::kString, value, start);
  }

  TableExpression ParseNumber() {
    const std::size_t start = at_;
    while (at_ < source_.size() &&
           (std::isdigit(static_cast<unsigned char>(source_[at_])) != 0 || source_[at_] == '.'))
      ++at_;
    if (at_ < source_.size() && (source_[at_] == 'e' || source_[at_] == 'E')) {
      std::size_t exponent = at_ + 1;
      if (exponent < source_.size() && (source_[exponent] == '+' || source_[exponent] == '-')) ++exponent;
      if (exponent < source_.size() && std::isdigit(static_cast<unsigned char>(source_[exponent])) != 0) {
        at_ = exponent;
        while (at_ < source_.size() && std::isdigit(static_cast<unsigned char>(source_[at_])) != 0) ++at_;
      }
    }
    auto node = Node(TableExpression::Kind::kNumber, source_.substr(start, at_ - start), start);
    const auto value = text::ParseDouble(node.text);
    if (!value) FailAt(what_, source_, start, fmt::format("'{}' is not a number", node.text));
    node.number = *value;
    return node;
  }

  const std::string& source_;
  std::size_t at_;
  const std::string& what_;
  std::size_t operators_ = 0;
  std::size_t depth_ = 0;
};

void CollectNames(const TableExpression& node, std::vector<std::string>& names) {
  if (node.kind == TableExpression::Kind::kName &&
      std::find(names.begin(), names.end(), node.text) == names.end())
    names.push_back(node.text);
  for (const auto& child : node.children)
    if (child.label.empty()) CollectNames(child, names);
}

}  // namespace

std::string TableExpression::ToString() const {
  switch (kind) {
    case Kind::kNumber:
      return text;
    case Kind::kName:
      return IsPlainName(text) ? text : "`" + text + "`";
    case Kind::kString:
      return text.find('"') == std::string::npos ? "\"" + text + "\"" : "'" + text + "'";
    case Kind::kUnary:
      return (text == "not" ? "!" : text) + Operand(children[0], Precedence(*this), true);
    case Kind::kBinary: {
      const bool tight = text == "^" || text == ":";
      return fmt::format("{}{}{}{}{}", Operand(children[0], Precedence(*this), false), tight ? "" : " ", text,
                         tight ? "" : " ", Operand(children[1], Precedence(*this), true));
    }
    case Kind::kCall: {
      std::vector<std::string> arguments;
      for (const auto& child : children)
        arguments.push_back(child.label.empty() ? child.ToString() : child.label + " = " + child.ToString());
      return fmt::format("{}({})", text, text::Join(arguments, ", "));
    }
  }
  return text;
}

void FailAt(const std::string& what, const std::string& source, std::size_t position,
            const std::string& problem) {
  throw UsageError(fmt::format("{} '{}': {} at character {}", what, source, problem, position + 1));
}

TableExpression ParseTableExpression(const std::string& source, std::size_t& at, const std::string& what) {
  Parser parser(source, at, what);
  auto expression = parser.Parse();
  at = parser.End();
  return expression;
}

TableExpression ParseTableExpression(const std::string& source, const std::string& what) {
  std::size_t at = 0;
  auto expression = ParseTableExpression(source, at, what);
  if (at < source.size()) {
    FailAt(what, source, at,
           fmt::format("unexpected '{}' (expected an operator such as + == and, or the end)", source[at]));
  }
  return expression;
}

std::vector<std::string> ExpressionNames(const TableExpression& expression) {
  std::vector<std::string> names;
  CollectNames(expression, names);
  return names;
}

}  // namespace linkage
