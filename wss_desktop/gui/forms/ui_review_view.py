# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_view.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout,
    QLabel, QListWidget, QListWidgetItem, QSizePolicy,
    QSpacerItem, QSplitter, QStackedWidget, QVBoxLayout,
    QWidget)

class Ui_ReviewView(object):
    def setupUi(self, ReviewView):
        if not ReviewView.objectName():
            ReviewView.setObjectName(u"ReviewView")
        ReviewView.resize(1280, 660)
        self.outer = QVBoxLayout(ReviewView)
        self.outer.setSpacing(4)
        self.outer.setObjectName(u"outer")
        self.header = QHBoxLayout()
        self.header.setObjectName(u"header")
        self.schoolTitle = QLabel(ReviewView)
        self.schoolTitle.setObjectName(u"schoolTitle")
        self.schoolTitle.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.header.addWidget(self.schoolTitle)

        self.reviewSummary = QLabel(ReviewView)
        self.reviewSummary.setObjectName(u"reviewSummary")

        self.header.addWidget(self.reviewSummary)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header.addItem(self.headerSpacer)


        self.outer.addLayout(self.header)

        self.splitter = QSplitter(ReviewView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.navigator = QFrame(self.splitter)
        self.navigator.setObjectName(u"navigator")
        self.navigator.setMinimumSize(QSize(200, 0))
        self.navigator.setMaximumSize(QSize(340, 16777215))
        self.navigatorLayout = QVBoxLayout(self.navigator)
        self.navigatorLayout.setObjectName(u"navigatorLayout")
        self.navigatorLayout.setContentsMargins(0, -1, 4, -1)
        self.stageList = QListWidget(self.navigator)
        self.stageList.setObjectName(u"stageList")
        self.stageList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.stageList.setWordWrap(True)

        self.navigatorLayout.addWidget(self.stageList)

        self.statusLabel = QLabel(self.navigator)
        self.statusLabel.setObjectName(u"statusLabel")

        self.navigatorLayout.addWidget(self.statusLabel)

        self.stageStatus = QComboBox(self.navigator)
        self.stageStatus.setObjectName(u"stageStatus")

        self.navigatorLayout.addWidget(self.stageStatus)

        self.missingTitle = QLabel(self.navigator)
        self.missingTitle.setObjectName(u"missingTitle")

        self.navigatorLayout.addWidget(self.missingTitle)

        self.missingList = QLabel(self.navigator)
        self.missingList.setObjectName(u"missingList")
        self.missingList.setWordWrap(True)
        self.missingList.setAlignment(Qt.AlignLeading|Qt.AlignTop)
        self.missingList.setTextInteractionFlags(Qt.TextSelectableByKeyboard|Qt.TextSelectableByMouse)

        self.navigatorLayout.addWidget(self.missingList)

        self.splitter.addWidget(self.navigator)
        self.stagePages = QStackedWidget(self.splitter)
        self.stagePages.setObjectName(u"stagePages")
        self.splitter.addWidget(self.stagePages)

        self.outer.addWidget(self.splitter)

        self.outer.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.statusLabel.setBuddy(self.stageStatus)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReviewView)

        QMetaObject.connectSlotsByName(ReviewView)
    # setupUi

    def retranslateUi(self, ReviewView):
        self.schoolTitle.setText("")
#if QT_CONFIG(accessibility)
        self.schoolTitle.setAccessibleDescription(QCoreApplication.translate("ReviewView", u"School", None))
#endif // QT_CONFIG(accessibility)
        self.reviewSummary.setText("")
#if QT_CONFIG(accessibility)
        self.reviewSummary.setAccessibleDescription(QCoreApplication.translate("ReviewView", u"Review summary", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.navigator.setAccessibleName(QCoreApplication.translate("ReviewView", u"Stages of the review", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stageList.setAccessibleName(QCoreApplication.translate("ReviewView", u"Stages", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stageList.setAccessibleDescription(QCoreApplication.translate("ReviewView", u"The six stages of the review with their status. Ctrl+1 to Ctrl+6 jump to a stage.", None))
#endif // QT_CONFIG(accessibility)
        self.statusLabel.setText(QCoreApplication.translate("ReviewView", u"This stage is:", None))
#if QT_CONFIG(accessibility)
        self.stageStatus.setAccessibleName(QCoreApplication.translate("ReviewView", u"Status of this stage", None))
#endif // QT_CONFIG(accessibility)
        self.missingTitle.setText(QCoreApplication.translate("ReviewView", u"Still to do", None))
        self.missingList.setText("")
#if QT_CONFIG(accessibility)
        self.missingList.setAccessibleDescription(QCoreApplication.translate("ReviewView", u"What this stage still needs", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stagePages.setAccessibleName(QCoreApplication.translate("ReviewView", u"Stage screen", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

