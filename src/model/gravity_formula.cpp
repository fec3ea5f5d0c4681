#include "model/gravity_formula.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

using Kind = TableExpression::Kind;
using Factors = std::vector<TableExpression>;

constexpr std::size_t kMaxTerms = 10000;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

bool IsFunction(const std::string& name) {
  return name == "log" || name == "exp" || name == "sqrt" || name == "abs" || name == "I";
}

bool IsMissingText(const std::string& value) {
  const std::string_view field = text::Trim(value);
  return field.empty() || field == "NA" || field == ".." || field == "." || field == "NaN";
}

// Checks calls and operators below `node`; i() only where a term may hold it.
void Check(const TableExpression& node, const std::string& what, const std::string& source, bool factor) {
  if (node.kind == Kind::kBinary && node.text == ":")
    FailAt(what, source, node.position, "':' interacts terms and cannot be used inside arithmetic");
  if (node.kind == Kind::kCall && node.text == "i") {
    if (!factor)
      FailAt(what, source, node.position, "i() makes dummies and belongs in a term, not in arithmetic");
    std::size_t positional = 0;
    for (const auto& argument : node.children) {
      if (argument.label.empty()) {
        if (positional == 0 && argument.kind != Kind::kName)
          FailAt(what, source, argument.position, "expected a column name as the first argument of i()");
        if (positional > 0) Check(argument, what, source, false);
        ++positional;
      } else if (argument.label != "ref" || (argument.kind != Kind::kNumber &&
                                             argument.kind != Kind::kString && argument.kind != Kind::kName &&
                                             !(argument.kind == Kind::kUnary && argument.text == "-" &&
                                               argument.children[0].kind == Kind::kNumber))) {
        FailAt(what, source, argument.position,
               fmt::format("i() takes ref = LEVEL (a number, a name or a quoted string), not '{} = {}'",
                           argument.label, argument.ToString()));
      }
    }
    if (positional == 0 || positional > 2)
      FailAt(what, source, node.position,
             "expected i(factor), i(factor, variable) or i(factor, ref = LEVEL)");
    return;
  }
  if (node.kind == Kind::kCall) {
    if (!IsFunction(node.text)) {
      FailAt(what, source, node.position,
             fmt::format("unknown function '{}' (expected log, exp, sqrt, abs, I or i)", node.text));
    }
    if (node.children.size() != 1 || !node.children[0].label.empty())
      FailAt(what, source, node.position, fmt::format("{}() takes one argument", node.text));
  }
  for (const auto& child : node.children) Check(child, what, source, false);
}

std::vector<Factors> Terms(const TableExpression& node, const std::string& formula) {
  if (node.kind == Kind::kBinary && (node.text == "+" || node.text == "*" || node.text == ":")) {
    const auto left = Terms(node.children[0], formula);
    const auto right = Terms(node.children[1], formula);
    std::vector<Factors> terms;
    if (node.text != ":") {
      terms = left;
      terms.insert(terms.end(), right.begin(), right.end());
    }
    if (node.text == "+") return terms;
    if (left.size() * right.size() > kMaxTerms) {
      FailAt("--spec", formula, node.position,
             fmt::format("the interaction makes more than {} terms", kMaxTerms));
    }
    for (const auto& l : left) {
      for (const auto& r : right) {
        Factors product = l;
        product.insert(product.end(), r.begin(), r.end());
        terms.push_back(std::move(product));
      }
    }
    return terms;
  }
  if (node.kind == Kind::kUnary)
    FailAt("--spec", formula, node.position, fmt::format("expected a term (found '{}')", node.text));
  if (node.kind == Kind::kBinary) {
    FailAt("--spec", formula, node.position,
           fmt::format("'{}' cannot join terms (terms are joined by +, : and *; write arithmetic inside I(), "
                       "e.g. I(a {} b))",
                       node.text, node.text));
  }
  if (node.kind == Kind::kString) FailAt("--spec", formula, node.position, "a quoted string is not a term");
  Check(node, "--spec", formula, true);
  return {{node}};
}

std::string TermText(const Factors& factors) {
  std::vector<std::string> parts;
  parts.reserve(factors.size());
  for (const auto& factor : factors) parts.push_back(factor.ToString());
  return text::Join(parts, ":");
}

void Flatten(const TableExpression& node, Factors& factors) {
  if (node.kind == Kind::kBinary && node.text == ":") {
    Flatten(node.children[0], factors);
    Flatten(node.children[1], factors);
  } else {
    factors.push_back(node);
  }
}

void AddOnce(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

// A value while an expression is evaluated: numbers, or text (a label column, a quoted string).
struct Value {
  bool is_text = false;
  bool literal = false;  //!< a number or string written in the expression
  std::vector<double> numbers;
  std::vector<std::string> texts;
};

class Evaluator {
 public:
  Evaluator(const GravityFrame& frame, const std::string& what, const std::string& source)
      : frame_(frame), what_(what), source_(source) {}

  std::vector<double> Numbers(const TableExpression& node) { return AsNumbers(Evaluate(node), node); }

  Value Evaluate(const TableExpression& node) {
    switch (node.kind) {
      case Kind::kNumber: {
        Value value;
        value.literal = true;
        value.numbers.assign(frame_.rows, node.number);
        return value;
      }
      case Kind::kString: {
        Value value;
        value.is_text = true;
        value.literal = true;
        value.texts.assign(frame_.rows, node.text);
        return value;
      }
      case Kind::kName:
        return Column(node.text);
      case Kind::kCall:
        return Call(node);
      case Kind::kUnary:
        return Unary(node);
      case Kind::kBinary:
        return Binary(node);
    }
    return {};
  }

 private:
  Value Column(const std::string& name) const {
    Value value;
    if (const auto found = frame_.numbers.find(name); found != frame_.numbers.end()) {
      value.numbers = found->second;
    } else if (const auto label = frame_.labels.find(name); label != frame_.labels.end()) {
      value.is_text = true;
      value.texts = label->second;
    } else {
      MissingColumn(frame_, name);
    }
    return value;
  }

  // Text as numbers: missing markers are NaN; anything else that is not a number is an error when `strict`.
  static bool ToNumbers(const Value& value, std::vector<double>& numbers, std::string* bad) {
    numbers.resize(value.texts.size());
    for (std::size_t row = 0; row < value.texts.size(); ++row) {
      if (IsMissingText(value.texts[row])) {
        numbers[row] = kMissing;
        continue;
      }
      const auto parsed = text::ParseDouble(text::Trim(value.texts[row]));
      if (!parsed) {
        if (bad != nullptr) *bad = value.texts[row];
        return false;
      }
      numbers[row] = *parsed;
    }
    return true;
  }

  std::vector<double> AsNumbers(Value value, const TableExpression& node) const {
    if (!value.is_text) return std::move(value.numbers);
    std::vector<double> numbers;
    std::string bad;
    if (!ToNumbers(value, numbers, &bad))
      FailAt(what_, source_, node.position,
             fmt::format("'{}' is text ('{}'), and arithmetic needs numbers", node.ToString(), bad));
    return numbers;
  }

  static double Finite(double value) { return std::isfinite(value) ? value : kMissing; }

  Value Call(const TableExpression& node) {
    Value value;
    value.numbers = Numbers(node.children[0]);
    const std::string& name = node.text;
    if (name == "log") {
      for (double& x : value.numbers) x = x > 0 ? std::log(x) : kMissing;
    } else if (name == "exp") {
      for (double& x : value.numbers) x = Finite(std::exp(x));
    } else if (name == "sqrt") {
      for (double& x : value.numbers) x = x >= 0 ? std::sqrt(x) : kMissing;
    } else if (name == "abs") {
      for (double& x : value.numbers) x = std::abs(x);
    }
    return value;
  }

  static double Truth(double x) { return std::isnan(x) ? kMissing : (x != 0 ? 1.0 : 0.0); }

  Value Unary(const TableExpression& node) {
    Value value;
    value.numbers = Numbers(node.children[0]);
    if (node.text == "-") {
      for (double& x : value.numbers) x = -x;
    } else if (node.text == "not") {
      for (double& x : value.numbers) x = std::isnan(x) ? kMissing : (x == 0 ? 1.0 : 0.0);
    }
    return value;
  }

  static bool IsComparison(const std::string& op) {
    return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
  }

  template <typename T>
  static double Compare(const std::string& op, const T& a, const T& b) {
    if (op == "==") return a == b ? 1 : 0;
    if (op == "!=") return a != b ? 1 : 0;
    if (op == "<") return a < b ? 1 : 0;
    if (op == "<=") return a <= b ? 1 : 0;
    if (op == ">") return a > b ? 1 : 0;
    return a >= b ? 1 : 0;
  }

  // Two texts compare as text; a text and a number as numbers when the text column holds numbers (year
  // labels), else as text with the number written out.
  Value Comparison(const TableExpression& node, Value left, Value right) const {
    Value result;
    result.numbers.resize(frame_.rows);
    if (left.is_text != right.is_text) {
      Value& text_side = left.is_text ? left : right;
      std::vector<double> numbers;
      if (ToNumbers(text_side, numbers, nullptr)) {
        text_side.is_text = false;
        text_side.numbers = std::move(numbers);
      } else {
        Value& number_side = left.is_text ? right : left;
        number_side.is_text = true;
        number_side.texts.resize(frame_.rows);
        for (std::size_t row = 0; row < frame_.rows; ++row)
          number_side.texts[row] =
              std::isnan(number_side.numbers[row]) ? "" : fmt::format("{}", number_side.numbers[row]);
      }
    }
    for (std::size_t row = 0; row < frame_.rows; ++row) {
      if (left.is_text) {
        const std::string& a = left.texts[row];
        const std::string& b = right.texts[row];
        result.numbers[row] = (a.empty() && !left.literal) || (b.empty() && !right.literal)
                                  ? kMissing
                                  : Compare(node.text, a, b);
      } else {
        const double a = left.numbers[row];
        const double b = right.numbers[row];
        result.numbers[row] = std::isnan(a) || std::isnan(b) ? kMissing : Compare(node.text, a, b);
      }
    }
    return result;
  }

  Value Binary(const TableExpression& node) {
    const std::string& op = node.text;
    if (IsComparison(op)) return Comparison(node, Evaluate(node.children[0]), Evaluate(node.children[1]));
    Value result;
    result.numbers = Numbers(node.children[0]);
    const std::vector<double> right = Numbers(node.children[1]);
    const char code = op == "and" ? '&' : op == "or" ? '|' : op[0];
    for (std::size_t row = 0; row < result.numbers.size(); ++row) {
      double& a = result.numbers[row];
      const double b = right[row];
      switch (code) {
        case '+':
          a = a + b;
          break;
        case '-':
          a = a - b;
          break;
        case '*':
        case ':':
          a = a * b;
          break;
        case '/':
          a = Finite(a / b);
          break;
        case '%':
          a = b == 0 ? kMissing : a - b * std::floor(a / b);
          break;
        case '^':
          a = Finite(std::pow(a, b));
          break;
        case '&':
          a = std::isnan(a) || std::isnan(b) ? kMissing : Truth(a) * Truth(b);
          break;
        default:  // or
          a = std::isnan(a) || std::isnan(b) ? kMissing : std::max(Truth(a), Truth(b));
          break;
      }
    }
    return result;
  }

  const GravityFrame& frame_;
  const std::string& what_;
  const std::string& source_;
};

// A level of a factor: its text and, when every level is a number, its value for sorting.
struct Level {
  std::string text;
  double number = 0;
};

// The dummies of i(f [, x] [, ref = L]).
TermValues FactorColumns(const GravityFrame& frame, const TableExpression& call, const std::string& term) {
  const std::string& factor = call.children[0].text;
  std::vector<std::string> labels(frame.rows);
  if (const auto numbers = frame.numbers.find(factor); numbers != frame.numbers.end()) {
    for (std::size_t row = 0; row < frame.rows; ++row)
      if (!std::isnan(numbers->second[row])) labels[row] = fmt::format("{}", numbers->second[row]);
  } else if (const auto found = frame.labels.find(factor); found != frame.labels.end()) {
    for (std::size_t row = 0; row < frame.rows; ++row)
      if (!IsMissingText(found->second[row])) labels[row] = found->second[row];
  } else {
    MissingColumn(frame, factor);
  }
  std::map<std::string, std::size_t> index;
  for (const auto& label : labels)
    if (!label.empty()) index.emplace(label, 0);
  std::vector<Level> levels;
  bool numeric = true;
  for (const auto& entry : index) {
    const auto number = text::ParseDouble(entry.first);
    numeric = numeric && number.has_value();
    levels.push_back({entry.first, number.value_or(0)});
  }
  if (numeric)
    std::stable_sort(levels.begin(), levels.end(),
                     [](const Level& a, const Level& b) { return a.number < b.number; });

  const TableExpression* variable = nullptr;
  const TableExpression* reference = nullptr;
  for (std::size_t k = 1; k < call.children.size(); ++k)
    (call.children[k].label.empty() ? variable : reference) = &call.children[k];
  std::size_t dropped = variable == nullptr ? 0 : levels.size();
  if (reference != nullptr) {
    const std::string wanted = reference->kind == Kind::kString || reference->kind == Kind::kName
                                   ? reference->text
                                   : reference->ToString();
    const auto wanted_number = text::ParseDouble(wanted);
    dropped = levels.size();
    for (std::size_t k = 0; k < levels.size(); ++k) {
      if (levels[k].text == wanted || (numeric && wanted_number && levels[k].number == *wanted_number))
        dropped = k;
    }
    if (dropped == levels.size()) {
      std::vector<std::string> names;
      for (std::size_t k = 0; k < levels.size() && k < 20; ++k) names.push_back(levels[k].text);
      throw UsageError(fmt::format("--spec term '{}': ref = {} is not a level of '{}' (its levels: {}{})",
                                   term, wanted, factor, text::Join(names, ", "),
                                   levels.size() > 20 ? ", ..." : ""));
    }
  }
  std::vector<double> weights(frame.rows, 1.0);
  std::string suffix;
  if (variable != nullptr) {
    weights = Evaluator(frame, "--spec term", term).Numbers(*variable);
    suffix = ":" + variable->ToString();
  }
  for (std::size_t k = 0; k < levels.size(); ++k) index[levels[k].text] = k;
  TermValues result;
  for (std::size_t k = 0; k < levels.size(); ++k) {
    if (k == dropped) continue;
    result.names.push_back(fmt::format("{}::{}{}", factor, levels[k].text, suffix));
    result.values.emplace_back(frame.rows);
  }
  for (std::size_t row = 0; row < frame.rows; ++row) {
    const std::size_t level = labels[row].empty() ? levels.size() : index[labels[row]];
    for (std::size_t k = 0, column = 0; k < levels.size(); ++k) {
      if (k == dropped) continue;
      result.values[column++][row] = level == levels.size() ? kMissing : (level == k ? weights[row] : 0.0);
    }
  }
  return result;
}

// Sorts the columns `node` reads: the factor of i() and a column compared with something as text (it may be
// a label: I(exporter == "USA")), every other column as a number.
void CollectColumns(const TableExpression& node, TermColumns& columns) {
  if (!node.label.empty()) return;  // ref = LEVEL names a level, not a column
  if (node.kind == Kind::kName) {
    AddOnce(columns.numeric, node.text);
    return;
  }
  const bool compares =
      node.kind == Kind::kBinary && (node.text == "==" || node.text == "!=" || node.text == "<" ||
                                     node.text == "<=" || node.text == ">" || node.text == ">=");
  for (std::size_t k = 0; k < node.children.size(); ++k) {
    const TableExpression& child = node.children[k];
    const bool factor = node.kind == Kind::kCall && node.text == "i" && k == 0;
    if ((factor || compares) && child.kind == Kind::kName) {
      AddOnce(columns.factors, child.text);
    } else {
      CollectColumns(child, columns);
    }
  }
}

}  // namespace

std::vector<std::string> ExpandTerms(const TableExpression& rhs, const std::string& formula) {
  std::vector<std::string> texts;
  for (const auto& term : Terms(rhs, formula)) AddOnce(texts, TermText(term));
  return texts;
}

void CheckArithmetic(const TableExpression& expression, const std::string& what, const std::string& source) {
  Check(expression, what, source, false);
}

TermColumns ColumnsOfTerms(const std::vector<std::string>& terms) {
  TermColumns columns;
  for (const auto& term : terms) CollectColumns(ParseTableExpression(term, "--spec term"), columns);
  return columns;
}

TermValues EvaluateTerm(const GravityFrame& frame, const std::string& term) {
  if (const auto column = frame.numbers.find(term); column != frame.numbers.end())
    return {{term}, {column->second}};
  Factors factors;
  Flatten(ParseTableExpression(term, "--spec term"), factors);
  TermValues product{{""}, {std::vector<double>(frame.rows, 1.0)}};
  for (const auto& factor : factors) {
    TermValues part;
    if (factor.kind == Kind::kCall && factor.text == "i") {
      part = FactorColumns(frame, factor, term);
    } else {
      part = {{factor.ToString()}, {Evaluator(frame, "--spec term", term).Numbers(factor)}};
    }
    TermValues next;
    for (std::size_t a = 0; a < product.names.size(); ++a) {
      for (std::size_t b = 0; b < part.names.size(); ++b) {
        next.names.push_back(product.names[a].empty() ? part.names[b]
                                                      : product.names[a] + ":" + part.names[b]);
        std::vector<double> values = product.values[a];
        for (std::size_t row = 0; row < frame.rows; ++row) values[row] *= part.values[b][row];
        next.values.push_back(std::move(values));
      }
    }
    product = std::move(next);
  }
  return product;
}

std::vector<double> EvaluateRows(const GravityFrame& frame, const TableExpression& expression,
                                 const std::string& what, const std::string& source) {
  return Evaluator(frame, what, source).Numbers(expression);
}

TableExpression ParseWhere(const std::string& where) {
  auto expression = ParseTableExpression(where, "--where");
  CheckArithmetic(expression, "--where", where);
  return expression;
}

void FilterFrame(GravityFrame& frame, const std::string& where) {
  frame.rows_before_filter = frame.rows;
  frame.filter = where;
  if (where.empty()) return;
  const std::vector<double> keep = EvaluateRows(frame, ParseWhere(where), "--where", where);
  const auto compact = [&](auto& column) {
    std::size_t kept = 0;
    for (std::size_t row = 0; row < frame.rows; ++row) {
      if (std::isnan(keep[row]) || keep[row] == 0) continue;
      if (kept != row) column[kept] = std::move(column[row]);
      ++kept;
    }
    column.resize(kept);
  };
  for (auto& [name, column] : frame.numbers) compact(column);
  for (auto& [name, column] : frame.labels) compact(column);
  frame.rows = static_cast<std::size_t>(
      std::count_if(keep.begin(), keep.end(), [](double x) { return !std::isnan(x) && x != 0; }));
}

}  // namespace linkage
