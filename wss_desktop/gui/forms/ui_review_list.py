# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_list.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_ReviewList(object):
    def setupUi(self, ReviewList):
        if not ReviewList.objectName():
            ReviewList.setObjectName(u"ReviewList")
        ReviewList.resize(1100, 600)
        self.outer = QVBoxLayout(ReviewList)
        self.outer.setObjectName(u"outer")
        self.states = QStackedWidget(ReviewList)
        self.states.setObjectName(u"states")
        self.welcomePage = QWidget()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.topSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.topSpacer)

        self.welcomeTitle = QLabel(self.welcomePage)
        self.welcomeTitle.setObjectName(u"welcomeTitle")
        self.welcomeTitle.setAlignment(Qt.AlignCenter)

        self.welcomeLayout.addWidget(self.welcomeTitle)

        self.welcomeText = QLabel(self.welcomePage)
        self.welcomeText.setObjectName(u"welcomeText")
        self.welcomeText.setWordWrap(True)
        self.welcomeText.setAlignment(Qt.AlignCenter)
        self.welcomeText.setMaximumSize(QSize(720, 16777215))

        self.welcomeLayout.addWidget(self.welcomeText)

        self.welcomeButtons = QHBoxLayout()
        self.welcomeButtons.setObjectName(u"welcomeButtons")
        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcomeButtons.addItem(self.leftSpacer)

        self.demoButton = QPushButton(self.welcomePage)
        self.demoButton.setObjectName(u"demoButton")
        self.demoButton.setMinimumSize(QSize(220, 48))

        self.welcomeButtons.addWidget(self.demoButton)

        self.newButton = QPushButton(self.welcomePage)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setMinimumSize(QSize(220, 48))

        self.welcomeButtons.addWidget(self.newButton)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcomeButtons.addItem(self.rightSpacer)


        self.welcomeLayout.addLayout(self.welcomeButtons)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.bottomSpacer)

        self.states.addWidget(self.welcomePage)
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listLayout = QVBoxLayout(self.listPage)
        self.listLayout.setObjectName(u"listLayout")
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.searchLabel = QLabel(self.listPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterRow.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.listPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.searchEdit)

        self.stageLabel = QLabel(self.listPage)
        self.stageLabel.setObjectName(u"stageLabel")

        self.filterRow.addWidget(self.stageLabel)

        self.stageFilter = QComboBox(self.listPage)
        self.stageFilter.setObjectName(u"stageFilter")

        self.filterRow.addWidget(self.stageFilter)

        self.frameworkLabel = QLabel(self.listPage)
        self.frameworkLabel.setObjectName(u"frameworkLabel")

        self.filterRow.addWidget(self.frameworkLabel)

        self.frameworkFilter = QComboBox(self.listPage)
        self.frameworkFilter.setObjectName(u"frameworkFilter")

        self.filterRow.addWidget(self.frameworkFilter)


        self.listLayout.addLayout(self.filterRow)

        self.table = QTableView(self.listPage)
        self.table.setObjectName(u"table")
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)

        self.listLayout.addWidget(self.table)

        self.countLabel = QLabel(self.listPage)
        self.countLabel.setObjectName(u"countLabel")

        self.listLayout.addWidget(self.countLabel)

        self.states.addWidget(self.listPage)

        self.outer.addWidget(self.states)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.stageLabel.setBuddy(self.stageFilter)
        self.frameworkLabel.setBuddy(self.frameworkFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.stageFilter)
        QWidget.setTabOrder(self.stageFilter, self.frameworkFilter)
        QWidget.setTabOrder(self.frameworkFilter, self.table)

        self.retranslateUi(ReviewList)

        self.newButton.setDefault(True)


        QMetaObject.connectSlotsByName(ReviewList)
    # setupUi

    def retranslateUi(self, ReviewList):
        self.welcomeTitle.setText(QCoreApplication.translate("ReviewList", u"Welcome to WSS Review Desktop", None))
#if QT_CONFIG(accessibility)
        self.welcomeTitle.setAccessibleDescription(QCoreApplication.translate("ReviewList", u"Welcome", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeText.setText(QCoreApplication.translate("ReviewList", u"Your reviews will appear here. Everything you type is saved on this computer as you go, and it works without the internet. To see how a finished review looks, open the demo review of a fictional school; when you are ready, start your own.", None))
        self.demoButton.setText(QCoreApplication.translate("ReviewList", u"Open the &demo review", None))
#if QT_CONFIG(accessibility)
        self.demoButton.setAccessibleName(QCoreApplication.translate("ReviewList", u"Open the demo review", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("ReviewList", u"Start a &new review", None))
#if QT_CONFIG(accessibility)
        self.newButton.setAccessibleName(QCoreApplication.translate("ReviewList", u"Start a new review", None))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(QCoreApplication.translate("ReviewList", u"Fin&d:", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ReviewList", u"School, trust or local authority, reviewer\u2026", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("ReviewList", u"Find a review", None))
#endif // QT_CONFIG(accessibility)
        self.stageLabel.setText(QCoreApplication.translate("ReviewList", u"&Stage:", None))
#if QT_CONFIG(accessibility)
        self.stageFilter.setAccessibleName(QCoreApplication.translate("ReviewList", u"Show reviews at stage", None))
#endif // QT_CONFIG(accessibility)
        self.frameworkLabel.setText(QCoreApplication.translate("ReviewList", u"F&ramework:", None))
#if QT_CONFIG(accessibility)
        self.frameworkFilter.setAccessibleName(QCoreApplication.translate("ReviewList", u"Show reviews using framework", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("ReviewList", u"Reviews", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleDescription(QCoreApplication.translate("ReviewList", u"Press Enter to open the selected review", None))
#endif // QT_CONFIG(accessibility)
        self.countLabel.setText("")
        pass
    # retranslateUi

