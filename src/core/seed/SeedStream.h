// Deterministic random streams for seeding: one per (seed, table, column), identical on every platform.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <array>

namespace loam {

// xoshiro256** seeded by splitmix64: fast, well distributed, and defined only by integer
// arithmetic, so the same state gives the same numbers on every compiler and CPU.
class SeedRng {
public:
    explicit SeedRng(const std::array<quint64, 4> &state) : m_s(state) {}

    quint64 next();
    // A uniform integer in [0, n) without modulo bias; 0 when n is 0.
    quint64 below(quint64 n);
    // A uniform integer in [lo, hi] (inclusive).
    qint64 between(qint64 lo, qint64 hi);
    // A double in [0, 1).
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    std::array<quint64, 4> m_s;
};

quint64 splitmix64(quint64 &state);

// The key of one column's stream. Values are a pure function of (key, row index): any row can
// be computed on its own (previews, foreign keys that look up a parent's value) and a
// generator may draw as many numbers per row as it likes without shifting other rows.
class SeedStream {
public:
    SeedStream() = default;
    // SHA-256 of the triple, so adding a table or column never changes another's stream.
    SeedStream(quint64 seed, const QString &table, const QString &column);

    SeedRng rowRng(qint64 row) const;
    quint64 keyWord(int i) const { return m_key[size_t(i)]; }

private:
    std::array<quint64, 4> m_key{};
};

// A bijection of [0, n) chosen by the stream: row i maps to a distinct value for each i < n,
// so unique columns need no retry loop.
class Permutation {
public:
    Permutation() = default;
    Permutation(quint64 n, const SeedStream &stream);
    quint64 map(quint64 i) const;
    quint64 size() const { return m_n; }

private:
    quint64 m_n = 0;
    quint64 m_a = 1;
    quint64 m_b = 0;
};

}  // namespace loam
