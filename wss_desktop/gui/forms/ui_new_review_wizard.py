# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_review_wizard.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QRadioButton, QSizePolicy, QTableWidget, QTableWidgetItem,
    QTextBrowser, QVBoxLayout, QWidget, QWizard,
    QWizardPage)

class Ui_NewReviewWizard(object):
    def setupUi(self, NewReviewWizard):
        if not NewReviewWizard.objectName():
            NewReviewWizard.setObjectName(u"NewReviewWizard")
        NewReviewWizard.resize(900, 600)
        NewReviewWizard.setWizardStyle(QWizard.ClassicStyle)
        NewReviewWizard.setOptions(QWizard.NoBackButtonOnStartPage)
        self.schoolPage = QWizardPage()
        self.schoolPage.setObjectName(u"schoolPage")
        self.schoolForm = QFormLayout(self.schoolPage)
        self.schoolForm.setObjectName(u"schoolForm")
        self.schoolNameLabel = QLabel(self.schoolPage)
        self.schoolNameLabel.setObjectName(u"schoolNameLabel")

        self.schoolForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.schoolNameLabel)

        self.schoolName = QLineEdit(self.schoolPage)
        self.schoolName.setObjectName(u"schoolName")

        self.schoolForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.schoolName)

        self.urnLabel = QLabel(self.schoolPage)
        self.urnLabel.setObjectName(u"urnLabel")

        self.schoolForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.urnLabel)

        self.urn = QLineEdit(self.schoolPage)
        self.urn.setObjectName(u"urn")

        self.schoolForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.urn)

        self.phaseLabel = QLabel(self.schoolPage)
        self.phaseLabel.setObjectName(u"phaseLabel")

        self.schoolForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phaseLabel)

        self.phase = QComboBox(self.schoolPage)
        self.phase.setObjectName(u"phase")

        self.schoolForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phase)

        self.settingLabel = QLabel(self.schoolPage)
        self.settingLabel.setObjectName(u"settingLabel")

        self.schoolForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.settingLabel)

        self.setting = QComboBox(self.schoolPage)
        self.setting.setObjectName(u"setting")

        self.schoolForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.setting)

        self.trustLabel = QLabel(self.schoolPage)
        self.trustLabel.setObjectName(u"trustLabel")

        self.schoolForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.trustLabel)

        self.trust = QLineEdit(self.schoolPage)
        self.trust.setObjectName(u"trust")

        self.schoolForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.trust)

        self.subjectLabel = QLabel(self.schoolPage)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.schoolForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.subjectLabel)

        self.subject = QComboBox(self.schoolPage)
        self.subject.setObjectName(u"subject")

        self.schoolForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.subject)

        self.membersLabel = QLabel(self.schoolPage)
        self.membersLabel.setObjectName(u"membersLabel")

        self.schoolForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.membersLabel)

        self.memberSchools = QPlainTextEdit(self.schoolPage)
        self.memberSchools.setObjectName(u"memberSchools")
        self.memberSchools.setTabChangesFocus(True)

        self.schoolForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.memberSchools)

        NewReviewWizard.addPage(self.schoolPage)
        self.reviewPage = QWizardPage()
        self.reviewPage.setObjectName(u"reviewPage")
        self.reviewForm = QFormLayout(self.reviewPage)
        self.reviewForm.setObjectName(u"reviewForm")
        self.typeLabel = QLabel(self.reviewPage)
        self.typeLabel.setObjectName(u"typeLabel")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.reviewType = QComboBox(self.reviewPage)
        self.reviewType.setObjectName(u"reviewType")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reviewType)

        self.requestedByLabel = QLabel(self.reviewPage)
        self.requestedByLabel.setObjectName(u"requestedByLabel")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requestedByLabel)

        self.requestedBy = QLineEdit(self.reviewPage)
        self.requestedBy.setObjectName(u"requestedBy")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.requestedBy)

        self.purposeLabel = QLabel(self.reviewPage)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purpose = QPlainTextEdit(self.reviewPage)
        self.purpose.setObjectName(u"purpose")
        self.purpose.setTabChangesFocus(True)

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.purpose)

        NewReviewWizard.addPage(self.reviewPage)
        self.frameworkPage = QWizardPage()
        self.frameworkPage.setObjectName(u"frameworkPage")
        self.frameworkLayout = QHBoxLayout(self.frameworkPage)
        self.frameworkLayout.setObjectName(u"frameworkLayout")
        self.frameworkLeft = QVBoxLayout()
        self.frameworkLeft.setObjectName(u"frameworkLeft")
        self.frameworkListLabel = QLabel(self.frameworkPage)
        self.frameworkListLabel.setObjectName(u"frameworkListLabel")

        self.frameworkLeft.addWidget(self.frameworkListLabel)

        self.frameworkList = QListWidget(self.frameworkPage)
        self.frameworkList.setObjectName(u"frameworkList")

        self.frameworkLeft.addWidget(self.frameworkList)

        self.scopeAll = QRadioButton(self.frameworkPage)
        self.scopeAll.setObjectName(u"scopeAll")
        self.scopeAll.setChecked(True)

        self.frameworkLeft.addWidget(self.scopeAll)

        self.scopeChosen = QRadioButton(self.frameworkPage)
        self.scopeChosen.setObjectName(u"scopeChosen")

        self.frameworkLeft.addWidget(self.scopeChosen)

        self.areaList = QListWidget(self.frameworkPage)
        self.areaList.setObjectName(u"areaList")
        self.areaList.setEnabled(False)

        self.frameworkLeft.addWidget(self.areaList)


        self.frameworkLayout.addLayout(self.frameworkLeft)

        self.preview = QTextBrowser(self.frameworkPage)
        self.preview.setObjectName(u"preview")
        self.preview.setMinimumSize(QSize(380, 0))

        self.frameworkLayout.addWidget(self.preview)

        NewReviewWizard.addPage(self.frameworkPage)
        self.peoplePage = QWizardPage()
        self.peoplePage.setObjectName(u"peoplePage")
        self.peopleLayout = QVBoxLayout(self.peoplePage)
        self.peopleLayout.setObjectName(u"peopleLayout")
        self.reviewersLabel = QLabel(self.peoplePage)
        self.reviewersLabel.setObjectName(u"reviewersLabel")

        self.peopleLayout.addWidget(self.reviewersLabel)

        self.reviewers = QTableWidget(self.peoplePage)
        if (self.reviewers.columnCount() < 3):
            self.reviewers.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.reviewers.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        if (self.reviewers.rowCount() < 3):
            self.reviewers.setRowCount(3)
        self.reviewers.setObjectName(u"reviewers")
        self.reviewers.setTabKeyNavigation(False)
        self.reviewers.setRowCount(3)
        self.reviewers.setColumnCount(3)
        self.reviewers.horizontalHeader().setStretchLastSection(True)
        self.reviewers.verticalHeader().setVisible(False)

        self.peopleLayout.addWidget(self.reviewers)

        self.datesForm = QFormLayout()
        self.datesForm.setObjectName(u"datesForm")
        self.visitSet = QCheckBox(self.peoplePage)
        self.visitSet.setObjectName(u"visitSet")

        self.datesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.visitSet)

        self.visitDate = QDateEdit(self.peoplePage)
        self.visitDate.setObjectName(u"visitDate")
        self.visitDate.setCalendarPopup(True)
        self.visitDate.setEnabled(False)

        self.datesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.visitDate)

        self.reportSet = QCheckBox(self.peoplePage)
        self.reportSet.setObjectName(u"reportSet")

        self.datesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reportSet)

        self.reportDate = QDateEdit(self.peoplePage)
        self.reportDate.setObjectName(u"reportDate")
        self.reportDate.setCalendarPopup(True)
        self.reportDate.setEnabled(False)

        self.datesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reportDate)


        self.peopleLayout.addLayout(self.datesForm)

        NewReviewWizard.addPage(self.peoplePage)
#if QT_CONFIG(shortcut)
        self.schoolNameLabel.setBuddy(self.schoolName)
        self.urnLabel.setBuddy(self.urn)
        self.phaseLabel.setBuddy(self.phase)
        self.settingLabel.setBuddy(self.setting)
        self.trustLabel.setBuddy(self.trust)
        self.subjectLabel.setBuddy(self.subject)
        self.membersLabel.setBuddy(self.memberSchools)
        self.typeLabel.setBuddy(self.reviewType)
        self.requestedByLabel.setBuddy(self.requestedBy)
        self.purposeLabel.setBuddy(self.purpose)
        self.frameworkListLabel.setBuddy(self.frameworkList)
        self.reviewersLabel.setBuddy(self.reviewers)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewReviewWizard)
        self.scopeChosen.toggled.connect(self.areaList.setEnabled)
        self.visitSet.toggled.connect(self.visitDate.setEnabled)
        self.reportSet.toggled.connect(self.reportDate.setEnabled)

        QMetaObject.connectSlotsByName(NewReviewWizard)
    # setupUi

    def retranslateUi(self, NewReviewWizard):
        NewReviewWizard.setWindowTitle(QCoreApplication.translate("NewReviewWizard", u"Start a new review", None))
        self.schoolPage.setTitle(QCoreApplication.translate("NewReviewWizard", u"The school", None))
        self.schoolPage.setSubTitle(QCoreApplication.translate("NewReviewWizard", u"Which school is this review for? Only the name is needed now; you can add the rest later.", None))
        self.schoolNameLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&School name:", None))
#if QT_CONFIG(accessibility)
        self.schoolName.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"School name", None))
#endif // QT_CONFIG(accessibility)
        self.schoolName.setPlaceholderText(QCoreApplication.translate("NewReviewWizard", u"For example: Hollinbrook Meadow Primary School", None))
        self.urnLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&URN (optional):", None))
#if QT_CONFIG(accessibility)
        self.urn.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Unique reference number", None))
#endif // QT_CONFIG(accessibility)
        self.phaseLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Phase:", None))
#if QT_CONFIG(accessibility)
        self.phase.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Phase", None))
#endif // QT_CONFIG(accessibility)
        self.settingLabel.setText(QCoreApplication.translate("NewReviewWizard", u"S&etting:", None))
#if QT_CONFIG(accessibility)
        self.setting.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Setting", None))
#endif // QT_CONFIG(accessibility)
        self.trustLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Trust or local authority:", None))
#if QT_CONFIG(accessibility)
        self.trust.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Trust or local authority", None))
#endif // QT_CONFIG(accessibility)
        self.subjectLabel.setText(QCoreApplication.translate("NewReviewWizard", u"This review &looks at:", None))
#if QT_CONFIG(accessibility)
        self.subject.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"What the review looks at", None))
#endif // QT_CONFIG(accessibility)
        self.membersLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Member schools (one a line):", None))
#if QT_CONFIG(accessibility)
        self.memberSchools.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Member schools, one a line", None))
#endif // QT_CONFIG(accessibility)
        self.reviewPage.setTitle(QCoreApplication.translate("NewReviewWizard", u"The review", None))
        self.reviewPage.setSubTitle(QCoreApplication.translate("NewReviewWizard", u"What kind of review is it, and why has it been asked for? A review is for reflection, not inspection.", None))
        self.typeLabel.setText(QCoreApplication.translate("NewReviewWizard", u"Review &type:", None))
#if QT_CONFIG(accessibility)
        self.reviewType.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Review type", None))
#endif // QT_CONFIG(accessibility)
        self.requestedByLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Asked for by:", None))
#if QT_CONFIG(accessibility)
        self.requestedBy.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Who asked for the review", None))
#endif // QT_CONFIG(accessibility)
        self.requestedBy.setPlaceholderText(QCoreApplication.translate("NewReviewWizard", u"For example: the headteacher, the trust's SEND lead", None))
        self.purposeLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Purpose:", None))
#if QT_CONFIG(accessibility)
        self.purpose.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Purpose of the review", None))
#endif // QT_CONFIG(accessibility)
        self.purpose.setPlaceholderText(QCoreApplication.translate("NewReviewWizard", u"What would the school like to understand better?", None))
        self.frameworkPage.setTitle(QCoreApplication.translate("NewReviewWizard", u"Framework and scope", None))
        self.frameworkPage.setSubTitle(QCoreApplication.translate("NewReviewWizard", u"Choose the framework to review against, and whether to look at all of it or only some areas.", None))
        self.frameworkListLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Framework:", None))
#if QT_CONFIG(accessibility)
        self.frameworkList.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Framework", None))
#endif // QT_CONFIG(accessibility)
        self.scopeAll.setText(QCoreApplication.translate("NewReviewWizard", u"&Whole framework", None))
        self.scopeChosen.setText(QCoreApplication.translate("NewReviewWizard", u"&Only these areas:", None))
#if QT_CONFIG(accessibility)
        self.areaList.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Areas in scope", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.preview.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Framework preview", None))
#endif // QT_CONFIG(accessibility)
        self.peoplePage.setTitle(QCoreApplication.translate("NewReviewWizard", u"People and dates", None))
        self.peoplePage.setSubTitle(QCoreApplication.translate("NewReviewWizard", u"Who will carry out the review, and when? Dates can be added or changed later.", None))
        self.reviewersLabel.setText(QCoreApplication.translate("NewReviewWizard", u"&Reviewers (one per row: name, role, organisation):", None))
        ___qtablewidgetitem = self.reviewers.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("NewReviewWizard", u"Name", None))
        ___qtablewidgetitem1 = self.reviewers.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("NewReviewWizard", u"Role", None))
        ___qtablewidgetitem2 = self.reviewers.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("NewReviewWizard", u"Organisation", None))
#if QT_CONFIG(accessibility)
        self.reviewers.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Reviewers", None))
#endif // QT_CONFIG(accessibility)
        self.visitSet.setText(QCoreApplication.translate("NewReviewWizard", u"&Visit date agreed:", None))
#if QT_CONFIG(accessibility)
        self.visitDate.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Visit date", None))
#endif // QT_CONFIG(accessibility)
        self.visitDate.setDisplayFormat(QCoreApplication.translate("NewReviewWizard", u"d MMMM yyyy", None))
        self.reportSet.setText(QCoreApplication.translate("NewReviewWizard", u"Report &due by:", None))
#if QT_CONFIG(accessibility)
        self.reportDate.setAccessibleName(QCoreApplication.translate("NewReviewWizard", u"Report due date", None))
#endif // QT_CONFIG(accessibility)
        self.reportDate.setDisplayFormat(QCoreApplication.translate("NewReviewWizard", u"d MMMM yyyy", None))
    # retranslateUi

