# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QMainWindow, QMenu, QMenuBar,
    QSizePolicy, QStackedWidget, QStatusBar, QToolBar,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 720)
        self.actionNewReview = QAction(MainWindow)
        self.actionNewReview.setObjectName(u"actionNewReview")
        self.actionAddDemo = QAction(MainWindow)
        self.actionAddDemo.setObjectName(u"actionAddDemo")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionAllReviews = QAction(MainWindow)
        self.actionAllReviews.setObjectName(u"actionAllReviews")
        self.actionFind = QAction(MainWindow)
        self.actionFind.setObjectName(u"actionFind")
        self.actionPreviousStage = QAction(MainWindow)
        self.actionPreviousStage.setObjectName(u"actionPreviousStage")
        self.actionNextStage = QAction(MainWindow)
        self.actionNextStage.setObjectName(u"actionNextStage")
        self.actionShortcuts = QAction(MainWindow)
        self.actionShortcuts.setObjectName(u"actionShortcuts")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.centralLayout = QVBoxLayout(self.central)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self.central)
        self.pages.setObjectName(u"pages")
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listPageLayout = QVBoxLayout(self.listPage)
        self.listPageLayout.setObjectName(u"listPageLayout")
        self.listPageLayout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.listPage)
        self.reviewPage = QWidget()
        self.reviewPage.setObjectName(u"reviewPage")
        self.reviewPageLayout = QVBoxLayout(self.reviewPage)
        self.reviewPageLayout.setObjectName(u"reviewPageLayout")
        self.reviewPageLayout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.reviewPage)

        self.centralLayout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.central)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuGo = QMenu(self.menubar)
        self.menuGo.setObjectName(u"menuGo")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.toolbar = QToolBar(MainWindow)
        self.toolbar.setObjectName(u"toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuGo.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewReview)
        self.menuFile.addAction(self.actionAddDemo)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuGo.addAction(self.actionAllReviews)
        self.menuGo.addAction(self.actionFind)
        self.menuGo.addSeparator()
        self.menuGo.addAction(self.actionPreviousStage)
        self.menuGo.addAction(self.actionNextStage)
        self.menuHelp.addAction(self.actionShortcuts)
        self.menuHelp.addAction(self.actionAbout)
        self.toolbar.addAction(self.actionAllReviews)
        self.toolbar.addAction(self.actionNewReview)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actionShortcuts)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"WSS Review Desktop", None))
        self.actionNewReview.setText(QCoreApplication.translate("MainWindow", u"&New review\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionNewReview.setToolTip(QCoreApplication.translate("MainWindow", u"Start a new review (Ctrl+Shift+N)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionNewReview.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionAddDemo.setText(QCoreApplication.translate("MainWindow", u"Add the &demo review", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionAllReviews.setText(QCoreApplication.translate("MainWindow", u"&All reviews", None))
#if QT_CONFIG(tooltip)
        self.actionAllReviews.setToolTip(QCoreApplication.translate("MainWindow", u"Back to the list of reviews (Ctrl+Shift+L)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionAllReviews.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+L", None))
#endif // QT_CONFIG(shortcut)
        self.actionFind.setText(QCoreApplication.translate("MainWindow", u"&Find a review", None))
#if QT_CONFIG(shortcut)
        self.actionFind.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionPreviousStage.setText(QCoreApplication.translate("MainWindow", u"&Previous stage", None))
#if QT_CONFIG(shortcut)
        self.actionPreviousStage.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+PgUp", None))
#endif // QT_CONFIG(shortcut)
        self.actionNextStage.setText(QCoreApplication.translate("MainWindow", u"&Next stage", None))
#if QT_CONFIG(shortcut)
        self.actionNextStage.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+PgDown", None))
#endif // QT_CONFIG(shortcut)
        self.actionShortcuts.setText(QCoreApplication.translate("MainWindow", u"&Keyboard shortcuts", None))
#if QT_CONFIG(tooltip)
        self.actionShortcuts.setToolTip(QCoreApplication.translate("MainWindow", u"Show the keyboard shortcuts (F1)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionShortcuts.setShortcut(QCoreApplication.translate("MainWindow", u"F1", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About WSS Review Desktop", None))
#if QT_CONFIG(accessibility)
        self.pages.setAccessibleName(QCoreApplication.translate("MainWindow", u"Main area", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuGo.setTitle(QCoreApplication.translate("MainWindow", u"&Go", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
#if QT_CONFIG(accessibility)
        self.toolbar.setAccessibleName(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

