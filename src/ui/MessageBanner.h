// MessageBanner: a strip above the details pane that says what went wrong and offers the next step.
#pragma once

#include <QFrame>
#include <functional>

class QLabel;
class QHBoxLayout;

namespace loam {

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Info };

    explicit MessageBanner(QWidget *parent = nullptr);

    // Shows text with optional action buttons (label, what it does); the banner closes after an action.
    void showMessage(Kind kind, const QString &text,
                     const QList<std::pair<QString, std::function<void()>>> &actions = {});
    QString text() const;

private:
    QLabel *m_text = nullptr;
    QHBoxLayout *m_actions = nullptr;
};

}  // namespace loam
