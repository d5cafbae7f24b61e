#include "ui/MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace loam {

MessageBanner::MessageBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("messageBanner"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actions = new QHBoxLayout;
    m_actions->setSpacing(6);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 6, 8);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_actions);
    layout->addWidget(close);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text,
                                const QList<std::pair<QString, std::function<void()>>> &actions)
{
    const char *style = nullptr;
    switch (kind) {
    case Kind::Error:
        style = "#messageBanner { background: #fbe9e7; border: 1px solid #e0a89e; border-radius: 4px; } QLabel { color: #8e1c1c; }";
        break;
    case Kind::Warning:
        style = "#messageBanner { background: #fff6dd; border: 1px solid #e6cf8a; border-radius: 4px; } QLabel { color: #6b4e00; }";
        break;
    case Kind::Info:
        style = "#messageBanner { background: #e8f1fa; border: 1px solid #a9c6e3; border-radius: 4px; } QLabel { color: #1d4466; }";
        break;
    }
    setStyleSheet(QString::fromLatin1(style));
    m_text->setText(text);
    while (QLayoutItem *item = m_actions->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const auto &[label, action] : actions) {
        auto *button = new QPushButton(label, this);
        connect(button, &QPushButton::clicked, this, [this, action = action] {
            hide();
            action();
        });
        m_actions->addWidget(button);
    }
    show();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

}  // namespace loam
