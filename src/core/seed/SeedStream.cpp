#include "seed/SeedStream.h"

#include <QCryptographicHash>
#include <numeric>

namespace loam {

namespace {

quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

quint64 readLittleEndian(const char *p)
{
    quint64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | quint64(quint8(p[i]));
    return v;
}

// (a * b) mod m without overflow, for the affine permutation over large ranges.
quint64 mulMod(quint64 a, quint64 b, quint64 m)
{
    return quint64((unsigned __int128)a * b % m);
}

}  // namespace

quint64 splitmix64(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

quint64 SeedRng::next()
{
    const quint64 result = rotl(m_s[1] * 5, 7) * 9;
    const quint64 t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

quint64 SeedRng::below(quint64 n)
{
    if (n == 0)
        return 0;
    // Rejecting the first (2^64 mod n) values keeps the distribution exact.
    const quint64 threshold = (quint64(0) - n) % n;
    for (;;) {
        const quint64 v = next();
        if (v >= threshold)
            return v % n;
    }
}

qint64 SeedRng::between(qint64 lo, qint64 hi)
{
    if (hi <= lo)
        return lo;
    const quint64 span = quint64(hi) - quint64(lo) + 1;
    if (span == 0)  // the whole 64-bit range
        return qint64(next());
    return qint64(quint64(lo) + below(span));
}

SeedStream::SeedStream(quint64 seed, const QString &table, const QString &column)
{
    QByteArray text = QByteArray::number(seed);
    text += '\0';
    text += table.toUtf8();
    text += '\0';
    text += column.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    for (int i = 0; i < 4; ++i)
        m_key[size_t(i)] = readLittleEndian(digest.constData() + 8 * i);
}

SeedRng SeedStream::rowRng(qint64 row) const
{
    quint64 mix = m_key[0] ^ (quint64(row) * 0xd1342543de82ef95ULL);
    std::array<quint64, 4> s{};
    for (int i = 0; i < 4; ++i)
        s[size_t(i)] = splitmix64(mix) ^ m_key[size_t(i)];
    if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
        s[0] = 1;
    return SeedRng(s);
}

Permutation::Permutation(quint64 n, const SeedStream &stream) : m_n(n)
{
    if (n <= 1)
        return;
    m_b = stream.keyWord(2) % n;
    // A multiplier coprime to n makes i -> a*i + b (mod n) a bijection; start near the golden
    // ratio of n so neighbouring rows land far apart.
    quint64 a = (quint64(double(n) * 0.6180339887) + stream.keyWord(3) % 97) % n;
    if (a == 0)
        a = 1;
    while (std::gcd(a, n) != 1)
        a = a + 1 == n ? 1 : a + 1;
    m_a = a;
}

quint64 Permutation::map(quint64 i) const
{
    if (m_n <= 1)
        return 0;
    return (mulMod(m_a, i % m_n, m_n) + m_b) % m_n;
}

}  // namespace loam
