# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'link_evidence.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_LinkEvidence(object):
    def setupUi(self, LinkEvidence):
        if not LinkEvidence.objectName():
            LinkEvidence.setObjectName(u"LinkEvidence")
        LinkEvidence.resize(560, 440)
        self.layout = QVBoxLayout(LinkEvidence)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(LinkEvidence)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.RichText)

        self.layout.addWidget(self.intro)

        self.filterLabel = QLabel(LinkEvidence)
        self.filterLabel.setObjectName(u"filterLabel")

        self.layout.addWidget(self.filterLabel)

        self.filter = QLineEdit(LinkEvidence)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.layout.addWidget(self.filter)

        self.evidenceList = QListWidget(LinkEvidence)
        self.evidenceList.setObjectName(u"evidenceList")
        self.evidenceList.setWordWrap(True)

        self.layout.addWidget(self.evidenceList)

        self.hint = QLabel(LinkEvidence)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(LinkEvidence)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filter, self.evidenceList)
        QWidget.setTabOrder(self.evidenceList, self.buttons)

        self.retranslateUi(LinkEvidence)

        QMetaObject.connectSlotsByName(LinkEvidence)
    # setupUi

    def retranslateUi(self, LinkEvidence):
        LinkEvidence.setWindowTitle(QCoreApplication.translate("LinkEvidence", u"Link evidence", None))
        self.filterLabel.setText(QCoreApplication.translate("LinkEvidence", u"&Find:", None))
#if QT_CONFIG(accessibility)
        self.filter.setAccessibleName(QCoreApplication.translate("LinkEvidence", u"Find evidence by reference or words", None))
#endif // QT_CONFIG(accessibility)
        self.filter.setPlaceholderText(QCoreApplication.translate("LinkEvidence", u"A reference such as LW3, or words from the title", None))
#if QT_CONFIG(accessibility)
        self.evidenceList.setAccessibleName(QCoreApplication.translate("LinkEvidence", u"Evidence of this review; tick what the finding rests on", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

