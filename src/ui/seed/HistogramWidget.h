// HistogramWidget: bars showing how a column's generated values are spread (numbers and dates in
// ranges, text by most frequent value), painted directly.
#pragma once

#include <QVariantList>
#include <QWidget>

namespace loam {

class HistogramWidget : public QWidget {
    Q_OBJECT
public:
    explicit HistogramWidget(QWidget *parent = nullptr);

    // values: a sample of one column's values; title: what they are ("users.date_of_birth, 2,000 rows").
    void setValues(const QString &title, const QVariantList &values);
    void clear();

    struct Bar {
        QString label;
        qint64 count = 0;
    };
    const QList<Bar> &bars() const { return m_bars; }

    QSize sizeHint() const override { return {480, 220}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    QString m_summary;
    QList<Bar> m_bars;
};

}  // namespace loam
