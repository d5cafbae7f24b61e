#include "ui/seed/HistogramWidget.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QSet>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

namespace loam {

namespace {

constexpr int kBins = 16;
constexpr int kTopValues = 12;

// Numbers as they are, dates and timestamps as days / seconds; nullopt for anything else.
std::optional<double> numeric(const QVariant &v, bool *isDate, bool *isDateTime)
{
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (ok && v.metaType().id() != QMetaType::QString)
        return d;
    const QString s = v.toString();
    if (s.size() == 10) {
        const QDate date = QDate::fromString(s, Qt::ISODate);
        if (date.isValid()) {
            *isDate = true;
            return double(date.toJulianDay());
        }
    }
    if (s.size() >= 19) {
        QDateTime t = QDateTime::fromString(s.left(19).replace(QLatin1Char(' '), QLatin1Char('T')), Qt::ISODate);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            *isDateTime = true;
            return double(t.toSecsSinceEpoch());
        }
    }
    const double parsed = s.toDouble(&ok);
    return ok ? std::optional<double>(parsed) : std::nullopt;
}

QString label(double x, bool isDate, bool isDateTime, double width)
{
    if (isDate)
        return QDate::fromJulianDay(qint64(x)).toString(QStringLiteral("yyyy-MM"));
    if (isDateTime)
        return QDateTime::fromSecsSinceEpoch(qint64(x), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    const int decimals = width >= 10 ? 0 : width >= 1 ? 1 : 2;
    return QLocale().toString(x, 'f', decimals);
}

}  // namespace

HistogramWidget::HistogramWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("seedHistogram"));
    setMinimumHeight(160);
}

void HistogramWidget::clear()
{
    m_title.clear();
    m_summary.clear();
    m_bars.clear();
    update();
}

void HistogramWidget::setValues(const QString &title, const QVariantList &values)
{
    m_title = title;
    m_bars.clear();
    qint64 nulls = 0;
    QList<double> numbers;
    bool isDate = false, isDateTime = false, allNumeric = true;
    for (const QVariant &v : values) {
        if (v.isNull()) {
            ++nulls;
            continue;
        }
        const auto x = allNumeric ? numeric(v, &isDate, &isDateTime) : std::nullopt;
        if (!x)
            allNumeric = false;
        else
            numbers << *x;
    }
    const qint64 nonNull = values.size() - nulls;
    if (allNumeric && !numbers.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(numbers.begin(), numbers.end());
        const double min = *lo, max = *hi;
        QSet<double> distinct(numbers.begin(), numbers.end());
        // A small set of whole numbers (difficulty 1-5) gets a bar per value; the rest share ranges.
        const bool wholeNumbers = !isDate && !isDateTime
                                  && std::all_of(numbers.begin(), numbers.end(), [](double x) { return x == std::floor(x); });
        if (distinct.size() <= kBins && (wholeNumbers || distinct.size() == 1) && max - min <= kBins) {
            QList<double> keys(distinct.begin(), distinct.end());
            std::sort(keys.begin(), keys.end());
            for (double k : keys)
                m_bars << Bar{label(k, isDate, isDateTime, 1), qint64(std::count(numbers.begin(), numbers.end(), k))};
        } else {
            const double width = (max - min) / kBins;
            QList<qint64> counts(kBins, 0);
            for (double x : numbers)
                ++counts[qBound(0, int((x - min) / width), kBins - 1)];
            for (int b = 0; b < kBins; ++b)
                m_bars << Bar{label(min + b * width, isDate, isDateTime, width), counts[b]};
        }
        m_summary = tr("%1 values from %2 to %3").arg(QLocale().toString(nonNull),
                                                                   label(min, isDate, isDateTime, (max - min) / kBins),
                                                                   label(max, isDate, isDateTime, (max - min) / kBins));
    } else {
        QHash<QString, qint64> counts;
        for (const QVariant &v : values)
            if (!v.isNull())
                ++counts[v.toString()];
        QList<QPair<QString, qint64>> sorted;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            sorted << qMakePair(it.key(), it.value());
        std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (int i = 0; i < qMin<int>(kTopValues, int(sorted.size())); ++i)
            m_bars << Bar{sorted[i].first.left(14), sorted[i].second};
        m_summary = tr("%1 values, %2 distinct; the %3 most frequent")
                        .arg(QLocale().toString(nonNull), QLocale().toString(qint64(counts.size())))
                        .arg(m_bars.size());
    }
    if (nulls > 0) {
        m_bars << Bar{QStringLiteral("NULL"), nulls};
        m_summary += tr(", %1 NULL").arg(QLocale().toString(nulls));
    }
    update();
}

void HistogramWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const QFontMetrics fm = fontMetrics();
    if (m_bars.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Select a column to see how its values are spread"));
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(8, 4, width() - 16, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRect(8, 4 + fm.height(), width() - 16, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, m_summary);

    const int top = 12 + 2 * fm.height();
    const int bottom = height() - fm.height() * 2 - 8;
    const int left = 8 + fm.horizontalAdvance(QStringLiteral("00000"));
    const int right = width() - 8;
    if (bottom - top < 20 || right - left < 40)
        return;
    qint64 peak = 1;
    for (const Bar &b : m_bars)
        peak = qMax(peak, b.count);
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(left, bottom, right, bottom);
    p.drawText(QRect(0, top - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(peak));
    const double slot = double(right - left) / m_bars.size();
    const QColor fill = pal.color(QPalette::Highlight);
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[i];
        const int h = int(double(bottom - top) * double(b.count) / double(peak));
        const QRectF bar(left + i * slot + slot * 0.12, bottom - h, slot * 0.76, h);
        p.fillRect(bar, b.label == u"NULL" ? pal.color(QPalette::Mid) : fill);
        p.setPen(pal.color(QPalette::Text));
        // Labels alternate between two lines so neighbours do not overlap.
        const int line = (m_bars.size() > 8 && i % 2) ? 1 : 0;
        const QRectF text(left + i * slot - slot * 0.5, bottom + 2 + line * fm.height(), slot * 2, fm.height());
        p.drawText(text, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(b.label, Qt::ElideRight, int(slot * 2)));
    }
}

}  // namespace loam
