# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identification.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

from wss_desktop.gui.widgets import DateField

class Ui_Identification(object):
    def setupUi(self, Identification):
        if not Identification.objectName():
            Identification.setObjectName(u"Identification")
        Identification.resize(1000, 640)
        self.outer = QVBoxLayout(Identification)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(Identification)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.grid = QGridLayout(self.body)
        self.grid.setObjectName(u"grid")
        self.schoolBox = QGroupBox(self.body)
        self.schoolBox.setObjectName(u"schoolBox")
        self.schoolForm = QFormLayout(self.schoolBox)
        self.schoolForm.setObjectName(u"schoolForm")
        self.schoolNameLabel = QLabel(self.schoolBox)
        self.schoolNameLabel.setObjectName(u"schoolNameLabel")

        self.schoolForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.schoolNameLabel)

        self.schoolName = QLineEdit(self.schoolBox)
        self.schoolName.setObjectName(u"schoolName")

        self.schoolForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.schoolName)

        self.urnLabel = QLabel(self.schoolBox)
        self.urnLabel.setObjectName(u"urnLabel")

        self.schoolForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.urnLabel)

        self.urn = QLineEdit(self.schoolBox)
        self.urn.setObjectName(u"urn")

        self.schoolForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.urn)

        self.phaseLabel = QLabel(self.schoolBox)
        self.phaseLabel.setObjectName(u"phaseLabel")

        self.schoolForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phaseLabel)

        self.phase = QComboBox(self.schoolBox)
        self.phase.setObjectName(u"phase")

        self.schoolForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phase)

        self.settingLabel = QLabel(self.schoolBox)
        self.settingLabel.setObjectName(u"settingLabel")

        self.schoolForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.settingLabel)

        self.setting = QComboBox(self.schoolBox)
        self.setting.setObjectName(u"setting")

        self.schoolForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.setting)

        self.trustLabel = QLabel(self.schoolBox)
        self.trustLabel.setObjectName(u"trustLabel")

        self.schoolForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.trustLabel)

        self.trust = QLineEdit(self.schoolBox)
        self.trust.setObjectName(u"trust")

        self.schoolForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.trust)


        self.grid.addWidget(self.schoolBox, 0, 0, 1, 1)

        self.datesBox = QGroupBox(self.body)
        self.datesBox.setObjectName(u"datesBox")
        self.datesForm = QFormLayout(self.datesBox)
        self.datesForm.setObjectName(u"datesForm")
        self.requestedLabel = QLabel(self.datesBox)
        self.requestedLabel.setObjectName(u"requestedLabel")

        self.datesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.requestedLabel)

        self.dateRequested = DateField(self.datesBox)
        self.dateRequested.setObjectName(u"dateRequested")

        self.datesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dateRequested)

        self.visitLabel = QLabel(self.datesBox)
        self.visitLabel.setObjectName(u"visitLabel")

        self.datesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.visitLabel)

        self.dateVisit = DateField(self.datesBox)
        self.dateVisit.setObjectName(u"dateVisit")

        self.datesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateVisit)

        self.reportLabel = QLabel(self.datesBox)
        self.reportLabel.setObjectName(u"reportLabel")

        self.datesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reportLabel)

        self.dateReport = DateField(self.datesBox)
        self.dateReport.setObjectName(u"dateReport")

        self.datesForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dateReport)

        self.nextLabel = QLabel(self.datesBox)
        self.nextLabel.setObjectName(u"nextLabel")

        self.datesForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.nextLabel)

        self.dateNext = DateField(self.datesBox)
        self.dateNext.setObjectName(u"dateNext")

        self.datesForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dateNext)

        self.datesHint = QLabel(self.datesBox)
        self.datesHint.setObjectName(u"datesHint")
        self.datesHint.setWordWrap(True)

        self.datesForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.datesHint)


        self.grid.addWidget(self.datesBox, 0, 1, 1, 1)

        self.requestBox = QGroupBox(self.body)
        self.requestBox.setObjectName(u"requestBox")
        self.requestForm = QFormLayout(self.requestBox)
        self.requestForm.setObjectName(u"requestForm")
        self.typeLabel = QLabel(self.requestBox)
        self.typeLabel.setObjectName(u"typeLabel")

        self.requestForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.reviewType = QComboBox(self.requestBox)
        self.reviewType.setObjectName(u"reviewType")

        self.requestForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reviewType)

        self.requestedByLabel = QLabel(self.requestBox)
        self.requestedByLabel.setObjectName(u"requestedByLabel")

        self.requestForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requestedByLabel)

        self.requestedBy = QLineEdit(self.requestBox)
        self.requestedBy.setObjectName(u"requestedBy")

        self.requestForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.requestedBy)

        self.purposeLabel = QLabel(self.requestBox)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.requestForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purpose = QPlainTextEdit(self.requestBox)
        self.purpose.setObjectName(u"purpose")
        self.purpose.setTabChangesFocus(True)

        self.requestForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.purpose)


        self.grid.addWidget(self.requestBox, 1, 0, 1, 1)

        self.scopeBox = QGroupBox(self.body)
        self.scopeBox.setObjectName(u"scopeBox")
        self.scopeLayout = QVBoxLayout(self.scopeBox)
        self.scopeLayout.setObjectName(u"scopeLayout")

        self.grid.addWidget(self.scopeBox, 1, 1, 1, 1)

        self.peopleBox = QGroupBox(self.body)
        self.peopleBox.setObjectName(u"peopleBox")
        self.peopleLayout = QVBoxLayout(self.peopleBox)
        self.peopleLayout.setObjectName(u"peopleLayout")
        self.reviewers = QTableWidget(self.peopleBox)
        if (self.reviewers.columnCount() < 3):
            self.reviewers.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.reviewers.setObjectName(u"reviewers")
        self.reviewers.setTabKeyNavigation(False)
        self.reviewers.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.reviewers.setColumnCount(3)
        self.reviewers.setMinimumSize(QSize(0, 110))
        self.reviewers.horizontalHeader().setStretchLastSection(True)
        self.reviewers.verticalHeader().setVisible(False)

        self.peopleLayout.addWidget(self.reviewers)

        self.addReviewerRow = QHBoxLayout()
        self.addReviewerRow.setObjectName(u"addReviewerRow")
        self.newReviewerName = QLineEdit(self.peopleBox)
        self.newReviewerName.setObjectName(u"newReviewerName")

        self.addReviewerRow.addWidget(self.newReviewerName)

        self.newReviewerRole = QLineEdit(self.peopleBox)
        self.newReviewerRole.setObjectName(u"newReviewerRole")

        self.addReviewerRow.addWidget(self.newReviewerRole)

        self.newReviewerOrg = QLineEdit(self.peopleBox)
        self.newReviewerOrg.setObjectName(u"newReviewerOrg")

        self.addReviewerRow.addWidget(self.newReviewerOrg)

        self.addReviewer = QPushButton(self.peopleBox)
        self.addReviewer.setObjectName(u"addReviewer")

        self.addReviewerRow.addWidget(self.addReviewer)


        self.peopleLayout.addLayout(self.addReviewerRow)


        self.grid.addWidget(self.peopleBox, 2, 0, 1, 2)

        self.scroll.setWidget(self.body)

        self.outer.addWidget(self.scroll)

#if QT_CONFIG(shortcut)
        self.schoolNameLabel.setBuddy(self.schoolName)
        self.urnLabel.setBuddy(self.urn)
        self.phaseLabel.setBuddy(self.phase)
        self.settingLabel.setBuddy(self.setting)
        self.trustLabel.setBuddy(self.trust)
        self.requestedLabel.setBuddy(self.dateRequested)
        self.visitLabel.setBuddy(self.dateVisit)
        self.reportLabel.setBuddy(self.dateReport)
        self.nextLabel.setBuddy(self.dateNext)
        self.typeLabel.setBuddy(self.reviewType)
        self.requestedByLabel.setBuddy(self.requestedBy)
        self.purposeLabel.setBuddy(self.purpose)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.schoolName, self.urn)
        QWidget.setTabOrder(self.urn, self.phase)
        QWidget.setTabOrder(self.phase, self.setting)
        QWidget.setTabOrder(self.setting, self.trust)
        QWidget.setTabOrder(self.trust, self.dateRequested)
        QWidget.setTabOrder(self.dateRequested, self.dateVisit)
        QWidget.setTabOrder(self.dateVisit, self.dateReport)
        QWidget.setTabOrder(self.dateReport, self.dateNext)
        QWidget.setTabOrder(self.dateNext, self.reviewType)
        QWidget.setTabOrder(self.reviewType, self.requestedBy)
        QWidget.setTabOrder(self.requestedBy, self.purpose)
        QWidget.setTabOrder(self.purpose, self.reviewers)
        QWidget.setTabOrder(self.reviewers, self.newReviewerName)
        QWidget.setTabOrder(self.newReviewerName, self.newReviewerRole)
        QWidget.setTabOrder(self.newReviewerRole, self.newReviewerOrg)
        QWidget.setTabOrder(self.newReviewerOrg, self.addReviewer)

        self.retranslateUi(Identification)

        QMetaObject.connectSlotsByName(Identification)
    # setupUi

    def retranslateUi(self, Identification):
#if QT_CONFIG(accessibility)
        self.scroll.setAccessibleName(QCoreApplication.translate("Identification", u"Identification details", None))
#endif // QT_CONFIG(accessibility)
        self.schoolBox.setTitle(QCoreApplication.translate("Identification", u"The school", None))
        self.schoolNameLabel.setText(QCoreApplication.translate("Identification", u"School &name:", None))
#if QT_CONFIG(accessibility)
        self.schoolName.setAccessibleName(QCoreApplication.translate("Identification", u"School name", None))
#endif // QT_CONFIG(accessibility)
        self.urnLabel.setText(QCoreApplication.translate("Identification", u"&URN:", None))
#if QT_CONFIG(accessibility)
        self.urn.setAccessibleName(QCoreApplication.translate("Identification", u"Unique reference number", None))
#endif // QT_CONFIG(accessibility)
        self.phaseLabel.setText(QCoreApplication.translate("Identification", u"Pha&se:", None))
#if QT_CONFIG(accessibility)
        self.phase.setAccessibleName(QCoreApplication.translate("Identification", u"Phase", None))
#endif // QT_CONFIG(accessibility)
        self.settingLabel.setText(QCoreApplication.translate("Identification", u"S&etting:", None))
#if QT_CONFIG(accessibility)
        self.setting.setAccessibleName(QCoreApplication.translate("Identification", u"Setting", None))
#endif // QT_CONFIG(accessibility)
        self.trustLabel.setText(QCoreApplication.translate("Identification", u"&Trust or local authority:", None))
#if QT_CONFIG(accessibility)
        self.trust.setAccessibleName(QCoreApplication.translate("Identification", u"Trust or local authority", None))
#endif // QT_CONFIG(accessibility)
        self.datesBox.setTitle(QCoreApplication.translate("Identification", u"Dates", None))
        self.requestedLabel.setText(QCoreApplication.translate("Identification", u"As&ked for on:", None))
#if QT_CONFIG(accessibility)
        self.dateRequested.setAccessibleName(QCoreApplication.translate("Identification", u"Date the review was asked for", None))
#endif // QT_CONFIG(accessibility)
        self.visitLabel.setText(QCoreApplication.translate("Identification", u"School &visit:", None))
#if QT_CONFIG(accessibility)
        self.dateVisit.setAccessibleName(QCoreApplication.translate("Identification", u"Date of the school visit", None))
#endif // QT_CONFIG(accessibility)
        self.reportLabel.setText(QCoreApplication.translate("Identification", u"Report &due:", None))
#if QT_CONFIG(accessibility)
        self.dateReport.setAccessibleName(QCoreApplication.translate("Identification", u"Date the report is due", None))
#endif // QT_CONFIG(accessibility)
        self.nextLabel.setText(QCoreApplication.translate("Identification", u"Ne&xt review:", None))
#if QT_CONFIG(accessibility)
        self.dateNext.setAccessibleName(QCoreApplication.translate("Identification", u"Date of the next review", None))
#endif // QT_CONFIG(accessibility)
        self.datesHint.setText(QCoreApplication.translate("Identification", u"Type dates as 15/12/2026, 15 Dec 2026, today or +7d (Alt+Down for a calendar); empty a field to clear its date.", None))
        self.requestBox.setTitle(QCoreApplication.translate("Identification", u"The request", None))
        self.typeLabel.setText(QCoreApplication.translate("Identification", u"Revie&w type:", None))
#if QT_CONFIG(accessibility)
        self.reviewType.setAccessibleName(QCoreApplication.translate("Identification", u"Review type", None))
#endif // QT_CONFIG(accessibility)
        self.requestedByLabel.setText(QCoreApplication.translate("Identification", u"Asked for &by:", None))
#if QT_CONFIG(accessibility)
        self.requestedBy.setAccessibleName(QCoreApplication.translate("Identification", u"Who asked for the review", None))
#endif // QT_CONFIG(accessibility)
        self.purposeLabel.setText(QCoreApplication.translate("Identification", u"&Purpose:", None))
#if QT_CONFIG(accessibility)
        self.purpose.setAccessibleName(QCoreApplication.translate("Identification", u"Purpose of the review", None))
#endif // QT_CONFIG(accessibility)
        self.purpose.setPlaceholderText(QCoreApplication.translate("Identification", u"What would the school like to understand better?", None))
        self.scopeBox.setTitle(QCoreApplication.translate("Identification", u"Scope: areas to look at", None))
        self.peopleBox.setTitle(QCoreApplication.translate("Identification", u"Reviewers", None))
        ___qtablewidgetitem = self.reviewers.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("Identification", u"Name", None))
        ___qtablewidgetitem1 = self.reviewers.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("Identification", u"Role", None))
        ___qtablewidgetitem2 = self.reviewers.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("Identification", u"Organisation", None))
#if QT_CONFIG(accessibility)
        self.reviewers.setAccessibleName(QCoreApplication.translate("Identification", u"Reviewers", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newReviewerName.setAccessibleName(QCoreApplication.translate("Identification", u"New reviewer's name", None))
#endif // QT_CONFIG(accessibility)
        self.newReviewerName.setPlaceholderText(QCoreApplication.translate("Identification", u"Name", None))
#if QT_CONFIG(accessibility)
        self.newReviewerRole.setAccessibleName(QCoreApplication.translate("Identification", u"New reviewer's role", None))
#endif // QT_CONFIG(accessibility)
        self.newReviewerRole.setPlaceholderText(QCoreApplication.translate("Identification", u"Role", None))
#if QT_CONFIG(accessibility)
        self.newReviewerOrg.setAccessibleName(QCoreApplication.translate("Identification", u"New reviewer's organisation", None))
#endif // QT_CONFIG(accessibility)
        self.newReviewerOrg.setPlaceholderText(QCoreApplication.translate("Identification", u"Organisation", None))
        self.addReviewer.setText(QCoreApplication.translate("Identification", u"&Add reviewer", None))
#if QT_CONFIG(accessibility)
        self.addReviewer.setAccessibleName(QCoreApplication.translate("Identification", u"Add reviewer", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

