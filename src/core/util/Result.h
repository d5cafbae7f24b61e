// Result<T>: a value or an error message, for failures that are expected (bad input, dead server).
#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace loam {

// What went wrong, in words a user can act on, plus an optional machine-readable code.
struct Error {
    Error() = default;
    Error(QString m, QString c = {}) : message(std::move(m)), code(std::move(c)) {}
    QString message;
    QString code;  // e.g. "auth", "refused", "unknown-database"; empty when there is no finer kind
    bool operator==(const Error &) const = default;
};

template <class T>
class Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    static Result failure(QString message, QString code = {}) { return Error{std::move(message), std::move(code)}; }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail.
struct Done {
    bool operator==(const Done &) const = default;
};
using Status = Result<Done>;

inline Status success() { return Done{}; }

}  // namespace loam
