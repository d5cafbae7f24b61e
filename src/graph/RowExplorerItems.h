// The row explorer's graphics items: a row card with its relation chips, a link between two rows, a "show more" button.
#pragma once

#include "explore/RowTypes.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>
#include <functional>

namespace loam {

class RowLinkItem;

// One row as a card: table name, key and a few values, then chips to expand its relations.
class RowNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 11 };

    // A clickable chip under the values: the row's parents, or one group of its children.
    struct Chip {
        QString id;          // "parents", or ChildGroup::id()
        QString text;        // "◀ parents (2)", "sessions (5)"
        bool enabled = true; // false for empty groups
        bool open = false;   // its rows are on the scene
        QRectF rect;         // item coordinates, set by the card's layout
    };

    explicit RowNodeItem(const RowNode &row, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    const RowNode &row() const { return m_row; }
    QString id() const { return m_row.key.toString(); }

    // Until the row's relations are known the card says "loading…" where the chips go.
    void setChips(const QList<Chip> &chips);
    const QList<Chip> &chips() const { return m_chips; }
    bool chipsLoaded() const { return m_chipsLoaded; }
    QRectF chipRect(const QString &chipId) const;   // item coordinates; empty when there is no such chip
    void setRoot(bool root);

    QSizeF boxSize() const { return m_size; }
    QRectF sceneBox() const { return QRectF(pos(), m_size); }

    void addLink(RowLinkItem *link) { m_links.append(link); }
    void removeLink(RowLinkItem *link) { m_links.removeAll(link); }
    const QList<RowLinkItem *> &links() const { return m_links; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // Set by the scene: what a click on a chip and a double-click on the card do.
    std::function<void(RowNodeItem *, const QString &chipId)> onChipClicked;
    std::function<void(RowNodeItem *)> onDoubleClicked;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void relayout();

    RowNode m_row;
    QList<Chip> m_chips;
    bool m_chipsLoaded = false;
    bool m_root = false;
    QList<QPair<QString, QString>> m_lines;   // column, value text
    QList<RowLinkItem *> m_links;
    QSizeF m_size;
    qreal m_headerHeight = 0;
    qreal m_lineHeight = 0;
    qreal m_labelWidth = 0;
    qreal m_chipTop = 0;
    QFont m_font;
    QFont m_boldFont;
    QFont m_chipFont;
    QString m_pressedChip;
};

// A foreign key from a child row to its parent row: a line with an arrow at the parent and the key's columns.
class RowLinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 12 };
    RowLinkItem(RowNodeItem *child, RowNodeItem *parent, const ForeignKey &fk);
    int type() const override { return Type; }
    RowNodeItem *childNode() const { return m_child; }
    RowNodeItem *parentNode() const { return m_parent; }
    const ForeignKey &foreignKey() const { return m_fk; }
    QString label() const;
    // Where the label is drawn, in scene coordinates.
    QRectF labelRect() const;
    void reroute();
    void detach();   // forget both ends before they are deleted

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    RowNodeItem *m_child;
    RowNodeItem *m_parent;
    ForeignKey m_fk;
    QPointF m_from;
    QPointF m_to;
    QFont m_font;
    // The curve from m_from to m_to, and the point on it where the label sits.
    QPainterPath path() const;
    QPointF labelCentre() const;
};

// "Show 50 more…" under a page of children that is not the last.
class RowMoreItem : public QGraphicsItem {
public:
    enum { Type = UserType + 13 };
    RowMoreItem(const QString &text, qreal width, QGraphicsItem *parent = nullptr);
    int type() const override { return Type; }
    void setText(const QString &text);
    QString text() const { return m_text; }
    QSizeF boxSize() const { return m_size; }
    QRectF sceneBox() const { return QRectF(pos(), m_size); }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    std::function<void()> onClicked;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QString m_text;
    QSizeF m_size;
    QFont m_font;
};

}  // namespace loam
