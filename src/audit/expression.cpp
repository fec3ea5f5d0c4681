#include "audit/expression.hpp"

#include <fmt/format.h>

#include <cctype>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/years.hpp"

namespace linkage {

std::string Expression::ToString() const {
  switch (kind) {
    case Kind::kNumber:
      return text::FormatNumber(number, 12);
    case Kind::kWord:
      return word;
    case Kind::kYear:
      return std::to_string(first_year);
    case Kind::kYearRange:
      return fmt::format("{}..{}", first_year, last_year);
    case Kind::kUnstated:
      return "?";
    case Kind::kColumn:
      return "$" + word;
    case Kind::kNegate:
      return "-" + children[0]->ToString();
    case Kind::kBinary:
      return fmt::format("({} {} {})", children[0]->ToString(), op, children[1]->ToString());
    case Kind::kCall: {
      std::vector<std::string> parts;
      for (const auto& child : children) parts.push_back(child->ToString());
      for (const auto& [key, value] : options) parts.push_back(key + "=" + value->ToString());
      return fmt::format("{}({})", word, text::Join(parts, ", "));
    }
  }
  return "";
}

namespace {

class Parser {
 public:
  Parser(const std::string& source, std::string file, std::size_t line)
      : source_(source), file_(std::move(file)), line_(line) {}

  std::unique_ptr<Expression> Parse() {
    auto expression = ParseSum();
    SkipSpace();
    if (position_ < source_.size()) Fail("unexpected text after the expression");
    return expression;
  }

 private:
  [[noreturn]] void Fail(const std::string& problem) const {
    throw InputError({file_, line_, 0, "expression"},
                     fmt::format("{} at character {} of '{}'", problem, position_ + 1, source_),
                     "an expression as described in docs/claims.md, e.g. share(exports, KAZ, CHN, 2019)");
  }

  void SkipSpace() {
    while (position_ < source_.size() && std::isspace(static_cast<unsigned char>(source_[position_])))
      ++position_;
  }

  bool Accept(char c) {
    SkipSpace();
    if (position_ < source_.size() && source_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }

  void Expect(char c) {
    if (!Accept(c)) Fail(fmt::format("expected '{}'", c));
  }

  std::unique_ptr<Expression> ParseSum() {
    auto left = ParseProduct();
    while (true) {
      SkipSpace();
      if (position_ >= source_.size() || (source_[position_] != '+' && source_[position_] != '-'))
        return left;
      const char op = source_[position_++];
      left = Binary(op, std::move(left), ParseProduct());
    }
  }

  std::unique_ptr<Expression> ParseProduct() {
    auto left = ParseUnary();
    while (true) {
      SkipSpace();
      if (position_ >= source_.size() || (source_[position_] != '*' && source_[position_] != '/'))
        return left;
      const char op = source_[position_++];
      left = Binary(op, std::move(left), ParseUnary());
    }
  }

  static std::unique_ptr<Expression> Binary(char op, std::unique_ptr<Expression> left,
                                            std::unique_ptr<Expression> right) {
    auto node = std::make_unique<Expression>();
    node->kind = Expression::Kind::kBinary;
    node->op = op;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  std::unique_ptr<Expression> ParseUnary() {
    if (Accept('-')) {
      auto node = std::make_unique<Expression>();
      node->kind = Expression::Kind::kNegate;
      node->children.push_back(ParseUnary());
      return node;
    }
    return ParsePrimary();
  }

  std::string ReadWord() {
    const std::size_t start = position_;
    while (position_ < source_.size()) {
      const char c = source_[position_];
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':') {
        // ".." starts a year range, not part of a word.
        if (c == '.' && position_ + 1 < source_.size() && source_[position_ + 1] == '.') break;
        ++position_;
      } else {
        break;
      }
    }
    return source_.substr(start, position_ - start);
  }

  std::unique_ptr<Expression> ParsePrimary() {
    SkipSpace();
    if (position_ >= source_.size()) Fail("the expression ends too early");
    auto node = std::make_unique<Expression>();
    const char c = source_[position_];
    if (Accept('(')) {
      node = ParseSum();
      Expect(')');
      return node;
    }
    if (Accept('?')) {
      node->kind = Expression::Kind::kUnstated;
      return node;
    }
    if (Accept('$')) {
      node->kind = Expression::Kind::kColumn;
      node->word = ReadWord();
      if (node->word.empty()) Fail("expected a column name after '$'");
      return node;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) return ParseNumberOrYear();
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
      node->word = ReadWord();
      if (!Accept('(')) {
        node->kind = Expression::Kind::kWord;
        return node;
      }
      node->kind = Expression::Kind::kCall;
      if (Accept(')')) return node;
      do {
        SkipSpace();
        const std::size_t mark = position_;
        const std::string key = ReadWord();
        if (!key.empty() && Accept('=')) {
          node->options[key] = ParseSum();
        } else {
          position_ = mark;
          node->children.push_back(ParseSum());
        }
      } while (Accept(','));
      Expect(')');
      return node;
    }
    Fail(fmt::format("unexpected '{}'", c));
  }

  std::unique_ptr<Expression> ParseNumberOrYear() {
    const std::size_t start = position_;
    while (position_ < source_.size() &&
           (std::isalnum(static_cast<unsigned char>(source_[position_])) != 0 || source_[position_] == '.')) {
      if (source_[position_] == '.' && position_ + 1 < source_.size() && source_[position_ + 1] == '.') break;
      ++position_;
    }
    const std::string token = source_.substr(start, position_ - start);
    auto node = std::make_unique<Expression>();
    const auto number = text::ParseDouble(token);
    if (!number) {
      // Codes that start with a digit (HS products such as 2844) are words too.
      node->kind = Expression::Kind::kWord;
      node->word = token;
      return node;
    }
    if (source_.compare(position_, 2, "..") == 0) {
      position_ += 2;
      SkipSpace();
      const std::size_t end_start = position_;
      while (position_ < source_.size() &&
             std::isdigit(static_cast<unsigned char>(source_[position_])) != 0) {
        ++position_;
      }
      const auto first = ParseYear(token);
      const auto last = ParseYear(source_.substr(end_start, position_ - end_start));
      if (!first || !last) {
        Fail(fmt::format("a year range is written first..last with years from {} to {}, e.g. 2000..2013",
                         kFirstYear, kLastYear));
      }
      node->kind = Expression::Kind::kYearRange;
      node->first_year = *first;
      node->last_year = *last;
      if (node->last_year < node->first_year) Fail("a year range must not run backwards");
      return node;
    }
    node->kind = Expression::Kind::kNumber;
    node->number = *number;
    node->word = token;
    return node;
  }

  const std::string& source_;
  std::string file_;
  std::size_t line_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<Expression> ParseExpression(const std::string& source, const std::string& where_file,
                                            std::size_t where_line) {
  return Parser(source, where_file, where_line).Parse();
}

}  // namespace linkage
