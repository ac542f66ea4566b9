# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reporting.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QFrame, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QProgressBar, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_Reporting(object):
    def setupUi(self, Reporting):
        if not Reporting.objectName():
            Reporting.setObjectName(u"Reporting")
        Reporting.resize(1040, 660)
        self.outer = QVBoxLayout(Reporting)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.topBar = QHBoxLayout()
        self.topBar.setObjectName(u"topBar")
        self.kindLabel = QLabel(Reporting)
        self.kindLabel.setObjectName(u"kindLabel")

        self.topBar.addWidget(self.kindLabel)

        self.kind = QComboBox(Reporting)
        self.kind.setObjectName(u"kind")
        self.kind.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.topBar.addWidget(self.kind)

        self.state = QLabel(Reporting)
        self.state.setObjectName(u"state")
        self.state.setTextFormat(Qt.RichText)
        self.state.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.state.sizePolicy().hasHeightForWidth())
        self.state.setSizePolicy(sizePolicy)

        self.topBar.addWidget(self.state)

        self.progress = QProgressBar(Reporting)
        self.progress.setObjectName(u"progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(180)

        self.topBar.addWidget(self.progress)

        self.cancelButton = QPushButton(Reporting)
        self.cancelButton.setObjectName(u"cancelButton")

        self.topBar.addWidget(self.cancelButton)

        self.generateButton = QPushButton(Reporting)
        self.generateButton.setObjectName(u"generateButton")
        self.generateButton.setProperty(u"big", True)

        self.topBar.addWidget(self.generateButton)

        self.wordButton = QPushButton(Reporting)
        self.wordButton.setObjectName(u"wordButton")

        self.topBar.addWidget(self.wordButton)

        self.saveAsButton = QPushButton(Reporting)
        self.saveAsButton.setObjectName(u"saveAsButton")

        self.topBar.addWidget(self.saveAsButton)


        self.outer.addLayout(self.topBar)

        self.message = QLabel(Reporting)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.RichText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.outer.addWidget(self.message)

        self.tabs = QTabWidget(Reporting)
        self.tabs.setObjectName(u"tabs")
        self.findingsTab = QWidget()
        self.findingsTab.setObjectName(u"findingsTab")
        self.findingsLayout = QVBoxLayout(self.findingsTab)
        self.findingsLayout.setObjectName(u"findingsLayout")
        self.findingsSplitter = QSplitter(self.findingsTab)
        self.findingsSplitter.setObjectName(u"findingsSplitter")
        self.findingsSplitter.setOrientation(Qt.Vertical)
        self.findingsTop = QWidget(self.findingsSplitter)
        self.findingsTop.setObjectName(u"findingsTop")
        self.findingsTopLayout = QVBoxLayout(self.findingsTop)
        self.findingsTopLayout.setObjectName(u"findingsTopLayout")
        self.findingsTopLayout.setContentsMargins(0, 0, 0, 0)
        self.findingsIntro = QLabel(self.findingsTop)
        self.findingsIntro.setObjectName(u"findingsIntro")
        self.findingsIntro.setWordWrap(True)

        self.findingsTopLayout.addWidget(self.findingsIntro)

        self.findings = QTextBrowser(self.findingsTop)
        self.findings.setObjectName(u"findings")

        self.findingsTopLayout.addWidget(self.findings)

        self.findingsSplitter.addWidget(self.findingsTop)

        self.findingsLayout.addWidget(self.findingsSplitter)

        self.tabs.addTab(self.findingsTab, "")
        self.draftTab = QWidget()
        self.draftTab.setObjectName(u"draftTab")
        self.draftLayout = QHBoxLayout(self.draftTab)
        self.draftLayout.setObjectName(u"draftLayout")
        self.choicesColumn = QVBoxLayout()
        self.choicesColumn.setObjectName(u"choicesColumn")
        self.sectionsBox = QGroupBox(self.draftTab)
        self.sectionsBox.setObjectName(u"sectionsBox")
        self.sectionsLayout = QVBoxLayout(self.sectionsBox)
        self.sectionsLayout.setObjectName(u"sectionsLayout")

        self.choicesColumn.addWidget(self.sectionsBox)

        self.lookBox = QGroupBox(self.draftTab)
        self.lookBox.setObjectName(u"lookBox")
        self.lookLayout = QVBoxLayout(self.lookBox)
        self.lookLayout.setObjectName(u"lookLayout")
        self.largePrint = QCheckBox(self.lookBox)
        self.largePrint.setObjectName(u"largePrint")

        self.lookLayout.addWidget(self.largePrint)

        self.brandingLabel = QLabel(self.lookBox)
        self.brandingLabel.setObjectName(u"brandingLabel")

        self.lookLayout.addWidget(self.brandingLabel)

        self.branding = QComboBox(self.lookBox)
        self.branding.setObjectName(u"branding")

        self.lookLayout.addWidget(self.branding)

        self.editBrandingButton = QPushButton(self.lookBox)
        self.editBrandingButton.setObjectName(u"editBrandingButton")

        self.lookLayout.addWidget(self.editBrandingButton)


        self.choicesColumn.addWidget(self.lookBox)

        self.choicesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.choicesColumn.addItem(self.choicesSpacer)


        self.draftLayout.addLayout(self.choicesColumn)

        self.paragraphsScroll = QScrollArea(self.draftTab)
        self.paragraphsScroll.setObjectName(u"paragraphsScroll")
        self.paragraphsScroll.setWidgetResizable(True)
        self.paragraphsScroll.setFrameShape(QFrame.NoFrame)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(3)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.paragraphsScroll.sizePolicy().hasHeightForWidth())
        self.paragraphsScroll.setSizePolicy(sizePolicy1)
        self.paragraphsBody = QWidget()
        self.paragraphsBody.setObjectName(u"paragraphsBody")
        self.paragraphsLayout = QVBoxLayout(self.paragraphsBody)
        self.paragraphsLayout.setObjectName(u"paragraphsLayout")
        self.paragraphsScroll.setWidget(self.paragraphsBody)

        self.draftLayout.addWidget(self.paragraphsScroll)

        self.tabs.addTab(self.draftTab, "")
        self.checkTab = QWidget()
        self.checkTab.setObjectName(u"checkTab")
        self.checkLayout = QVBoxLayout(self.checkTab)
        self.checkLayout.setObjectName(u"checkLayout")
        self.checkIntro = QLabel(self.checkTab)
        self.checkIntro.setObjectName(u"checkIntro")
        self.checkIntro.setWordWrap(True)

        self.checkLayout.addWidget(self.checkIntro)

        self.findingsList = QTreeWidget(self.checkTab)
        self.findingsList.setObjectName(u"findingsList")
        self.findingsList.setWordWrap(True)
        self.findingsList.setHeaderHidden(True)
        self.findingsList.setUniformRowHeights(False)
        self.findingsList.setColumnCount(1)

        self.checkLayout.addWidget(self.findingsList)

        self.checkButtons = QHBoxLayout()
        self.checkButtons.setObjectName(u"checkButtons")
        self.checkSummary = QLabel(self.checkTab)
        self.checkSummary.setObjectName(u"checkSummary")
        self.checkSummary.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.checkSummary.sizePolicy().hasHeightForWidth())
        self.checkSummary.setSizePolicy(sizePolicy)

        self.checkButtons.addWidget(self.checkSummary)

        self.linkEvidenceButton = QPushButton(self.checkTab)
        self.linkEvidenceButton.setObjectName(u"linkEvidenceButton")

        self.checkButtons.addWidget(self.linkEvidenceButton)

        self.checkAgainButton = QPushButton(self.checkTab)
        self.checkAgainButton.setObjectName(u"checkAgainButton")

        self.checkButtons.addWidget(self.checkAgainButton)


        self.checkLayout.addLayout(self.checkButtons)

        self.tabs.addTab(self.checkTab, "")
        self.qaTab = QWidget()
        self.qaTab.setObjectName(u"qaTab")
        self.qaLayout = QHBoxLayout(self.qaTab)
        self.qaLayout.setObjectName(u"qaLayout")
        self.commentsBox = QGroupBox(self.qaTab)
        self.commentsBox.setObjectName(u"commentsBox")
        sizePolicy1.setHeightForWidth(self.commentsBox.sizePolicy().hasHeightForWidth())
        self.commentsBox.setSizePolicy(sizePolicy1)
        self.commentsLayout = QVBoxLayout(self.commentsBox)
        self.commentsLayout.setObjectName(u"commentsLayout")
        self.comments = QListWidget(self.commentsBox)
        self.comments.setObjectName(u"comments")
        self.comments.setWordWrap(True)
        self.comments.setAlternatingRowColors(True)

        self.commentsLayout.addWidget(self.comments)

        self.commentButtons = QHBoxLayout()
        self.commentButtons.setObjectName(u"commentButtons")
        self.commentHint = QLabel(self.commentsBox)
        self.commentHint.setObjectName(u"commentHint")
        self.commentHint.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.commentHint.sizePolicy().hasHeightForWidth())
        self.commentHint.setSizePolicy(sizePolicy)

        self.commentButtons.addWidget(self.commentHint)

        self.resolveButton = QPushButton(self.commentsBox)
        self.resolveButton.setObjectName(u"resolveButton")

        self.commentButtons.addWidget(self.resolveButton)


        self.commentsLayout.addLayout(self.commentButtons)

        self.newCommentForm = QFormLayout()
        self.newCommentForm.setObjectName(u"newCommentForm")
        self.commentTextLabel = QLabel(self.commentsBox)
        self.commentTextLabel.setObjectName(u"commentTextLabel")

        self.newCommentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.commentTextLabel)

        self.commentText = QPlainTextEdit(self.commentsBox)
        self.commentText.setObjectName(u"commentText")
        self.commentText.setTabChangesFocus(True)
        self.commentText.setMaximumHeight(90)

        self.newCommentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.commentText)

        self.commentStatementLabel = QLabel(self.commentsBox)
        self.commentStatementLabel.setObjectName(u"commentStatementLabel")

        self.newCommentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.commentStatementLabel)

        self.commentStatementRow = QHBoxLayout()
        self.commentStatementRow.setObjectName(u"commentStatementRow")
        self.commentStatement = QLineEdit(self.commentsBox)
        self.commentStatement.setObjectName(u"commentStatement")
        self.commentStatement.setMaximumWidth(160)

        self.commentStatementRow.addWidget(self.commentStatement)

        self.commentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.commentStatementRow.addItem(self.commentSpacer)

        self.addCommentButton = QPushButton(self.commentsBox)
        self.addCommentButton.setObjectName(u"addCommentButton")

        self.commentStatementRow.addWidget(self.addCommentButton)


        self.newCommentForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.commentStatementRow)


        self.commentsLayout.addLayout(self.newCommentForm)


        self.qaLayout.addWidget(self.commentsBox)

        self.qaRight = QVBoxLayout()
        self.qaRight.setObjectName(u"qaRight")
        self.checkingBox = QGroupBox(self.qaTab)
        self.checkingBox.setObjectName(u"checkingBox")
        self.checkingLayout = QVBoxLayout(self.checkingBox)
        self.checkingLayout.setObjectName(u"checkingLayout")
        self.qaState = QLabel(self.checkingBox)
        self.qaState.setObjectName(u"qaState")
        self.qaState.setTextFormat(Qt.RichText)
        self.qaState.setWordWrap(True)

        self.checkingLayout.addWidget(self.qaState)

        self.nameLabel = QLabel(self.checkingBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.checkingLayout.addWidget(self.nameLabel)

        self.personName = QLineEdit(self.checkingBox)
        self.personName.setObjectName(u"personName")

        self.checkingLayout.addWidget(self.personName)

        self.checkedButtons = QHBoxLayout()
        self.checkedButtons.setObjectName(u"checkedButtons")
        self.markCheckedButton = QPushButton(self.checkingBox)
        self.markCheckedButton.setObjectName(u"markCheckedButton")

        self.checkedButtons.addWidget(self.markCheckedButton)

        self.clearCheckButton = QPushButton(self.checkingBox)
        self.clearCheckButton.setObjectName(u"clearCheckButton")

        self.checkedButtons.addWidget(self.clearCheckButton)


        self.checkingLayout.addLayout(self.checkedButtons)

        self.checkMessage = QLabel(self.checkingBox)
        self.checkMessage.setObjectName(u"checkMessage")
        self.checkMessage.setWordWrap(True)

        self.checkingLayout.addWidget(self.checkMessage)


        self.qaRight.addWidget(self.checkingBox)

        self.issueBox = QGroupBox(self.qaTab)
        self.issueBox.setObjectName(u"issueBox")
        self.issueLayout = QVBoxLayout(self.issueBox)
        self.issueLayout.setObjectName(u"issueLayout")
        self.issueButton = QPushButton(self.issueBox)
        self.issueButton.setObjectName(u"issueButton")
        self.issueButton.setProperty(u"big", True)

        self.issueLayout.addWidget(self.issueButton)

        self.issueHint = QLabel(self.issueBox)
        self.issueHint.setObjectName(u"issueHint")
        self.issueHint.setWordWrap(True)

        self.issueLayout.addWidget(self.issueHint)

        self.issuedList = QListWidget(self.issueBox)
        self.issuedList.setObjectName(u"issuedList")
        self.issuedList.setWordWrap(True)

        self.issueLayout.addWidget(self.issuedList)

        self.openIssuedButton = QPushButton(self.issueBox)
        self.openIssuedButton.setObjectName(u"openIssuedButton")

        self.issueLayout.addWidget(self.openIssuedButton)


        self.qaRight.addWidget(self.issueBox)


        self.qaLayout.addLayout(self.qaRight)

        self.tabs.addTab(self.qaTab, "")
        self.brandingTab = QWidget()
        self.brandingTab.setObjectName(u"brandingTab")
        self.brandingLayout = QVBoxLayout(self.brandingTab)
        self.brandingLayout.setObjectName(u"brandingLayout")
        self.tabs.addTab(self.brandingTab, "")

        self.outer.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kind)
        self.brandingLabel.setBuddy(self.branding)
        self.commentTextLabel.setBuddy(self.commentText)
        self.commentStatementLabel.setBuddy(self.commentStatement)
        self.nameLabel.setBuddy(self.personName)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind, self.cancelButton)
        QWidget.setTabOrder(self.cancelButton, self.generateButton)
        QWidget.setTabOrder(self.generateButton, self.wordButton)
        QWidget.setTabOrder(self.wordButton, self.saveAsButton)
        QWidget.setTabOrder(self.saveAsButton, self.tabs)

        self.retranslateUi(Reporting)

        QMetaObject.connectSlotsByName(Reporting)
    # setupUi

    def retranslateUi(self, Reporting):
        self.kindLabel.setText(QCoreApplication.translate("Reporting", u"&Report:", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("Reporting", u"Kind of report", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.state.setAccessibleDescription(QCoreApplication.translate("Reporting", u"Checking state of this report", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progress.setAccessibleName(QCoreApplication.translate("Reporting", u"Progress of the PDF", None))
#endif // QT_CONFIG(accessibility)
        self.cancelButton.setText(QCoreApplication.translate("Reporting", u"S&top", None))
#if QT_CONFIG(tooltip)
        self.cancelButton.setToolTip(QCoreApplication.translate("Reporting", u"Stop making the PDF (nothing is written)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.cancelButton.setAccessibleName(QCoreApplication.translate("Reporting", u"Stop making the PDF", None))
#endif // QT_CONFIG(accessibility)
        self.generateButton.setText(QCoreApplication.translate("Reporting", u"&Make the PDF", None))
#if QT_CONFIG(tooltip)
        self.generateButton.setToolTip(QCoreApplication.translate("Reporting", u"Make the PDF of this report and open it (Ctrl+G)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.generateButton.setAccessibleName(QCoreApplication.translate("Reporting", u"Make the PDF", None))
#endif // QT_CONFIG(accessibility)
        self.wordButton.setText(QCoreApplication.translate("Reporting", u"Make a Word copy", None))
#if QT_CONFIG(tooltip)
        self.wordButton.setToolTip(QCoreApplication.translate("Reporting", u"Save this report as a Word document you can edit (Ctrl+Shift+G)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.wordButton.setAccessibleName(QCoreApplication.translate("Reporting", u"Make a Word copy", None))
#endif // QT_CONFIG(accessibility)
        self.saveAsButton.setText(QCoreApplication.translate("Reporting", u"Save as\u2026", None))
#if QT_CONFIG(tooltip)
        self.saveAsButton.setToolTip(QCoreApplication.translate("Reporting", u"Choose where to save this report, as a PDF or a Word document (Ctrl+Shift+A)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.saveAsButton.setAccessibleName(QCoreApplication.translate("Reporting", u"Save the report as", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.message.setAccessibleDescription(QCoreApplication.translate("Reporting", u"What happened", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("Reporting", u"Reporting", None))
#endif // QT_CONFIG(accessibility)
        self.findingsIntro.setText(QCoreApplication.translate("Reporting", u"<b>Findings so far</b>, from the judgements made on the visit. The report is built from these and the actions below.", None))
#if QT_CONFIG(accessibility)
        self.findings.setAccessibleName(QCoreApplication.translate("Reporting", u"Findings by area", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.findingsTab), QCoreApplication.translate("Reporting", u"Findings and actions", None))
        self.sectionsBox.setTitle(QCoreApplication.translate("Reporting", u"Sections to include", None))
        self.lookBox.setTitle(QCoreApplication.translate("Reporting", u"How it looks", None))
        self.largePrint.setText(QCoreApplication.translate("Reporting", u"&Large print (16 pt text)", None))
#if QT_CONFIG(accessibility)
        self.largePrint.setAccessibleName(QCoreApplication.translate("Reporting", u"Large print", None))
#endif // QT_CONFIG(accessibility)
        self.brandingLabel.setText(QCoreApplication.translate("Reporting", u"&Branding:", None))
#if QT_CONFIG(accessibility)
        self.branding.setAccessibleName(QCoreApplication.translate("Reporting", u"Branding profile", None))
#endif // QT_CONFIG(accessibility)
        self.editBrandingButton.setText(QCoreApplication.translate("Reporting", u"Edit branding &profiles\u2026", None))
#if QT_CONFIG(accessibility)
        self.paragraphsScroll.setAccessibleName(QCoreApplication.translate("Reporting", u"Summary paragraphs", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.draftTab), QCoreApplication.translate("Reporting", u"&Draft", None))
        self.checkIntro.setText(QCoreApplication.translate("Reporting", u"Things worth a second look before the report goes to the school. They are prompts, not errors: click one (or press Enter) to go to the statement or action it is about.", None))
        ___qtreewidgetitem = self.findingsList.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("Reporting", u"Finding", None))
#if QT_CONFIG(accessibility)
        self.findingsList.setAccessibleName(QCoreApplication.translate("Reporting", u"Consistency check findings", None))
#endif // QT_CONFIG(accessibility)
        self.linkEvidenceButton.setText(QCoreApplication.translate("Reporting", u"&Link evidence\u2026", None))
#if QT_CONFIG(tooltip)
        self.linkEvidenceButton.setToolTip(QCoreApplication.translate("Reporting", u"Choose the evidence this statement's finding rests on", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.linkEvidenceButton.setAccessibleName(QCoreApplication.translate("Reporting", u"Link evidence to the chosen statement", None))
#endif // QT_CONFIG(accessibility)
        self.checkAgainButton.setText(QCoreApplication.translate("Reporting", u"Check &again", None))
        self.tabs.setTabText(self.tabs.indexOf(self.checkTab), QCoreApplication.translate("Reporting", u"Consistency &check", None))
        self.commentsBox.setTitle(QCoreApplication.translate("Reporting", u"Moderator's comments", None))
#if QT_CONFIG(accessibility)
        self.comments.setAccessibleName(QCoreApplication.translate("Reporting", u"Moderator's comments", None))
#endif // QT_CONFIG(accessibility)
        self.resolveButton.setText(QCoreApplication.translate("Reporting", u"Mark resol&ved", None))
        self.commentTextLabel.setText(QCoreApplication.translate("Reporting", u"Ne&w comment:", None))
#if QT_CONFIG(accessibility)
        self.commentText.setAccessibleName(QCoreApplication.translate("Reporting", u"New comment", None))
#endif // QT_CONFIG(accessibility)
        self.commentText.setPlaceholderText(QCoreApplication.translate("Reporting", u"What should the reviewer look at again?", None))
        self.commentStatementLabel.setText(QCoreApplication.translate("Reporting", u"About &statement:", None))
#if QT_CONFIG(accessibility)
        self.commentStatement.setAccessibleName(QCoreApplication.translate("Reporting", u"Statement the comment is about (optional)", None))
#endif // QT_CONFIG(accessibility)
        self.commentStatement.setPlaceholderText(QCoreApplication.translate("Reporting", u"Optional, e.g. 3.2", None))
        self.addCommentButton.setText(QCoreApplication.translate("Reporting", u"&Add comment", None))
        self.checkingBox.setTitle(QCoreApplication.translate("Reporting", u"Checking", None))
#if QT_CONFIG(accessibility)
        self.qaState.setAccessibleDescription(QCoreApplication.translate("Reporting", u"Checking state", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("Reporting", u"Your nam&e:", None))
#if QT_CONFIG(accessibility)
        self.personName.setAccessibleName(QCoreApplication.translate("Reporting", u"Your name, for comments and checking", None))
#endif // QT_CONFIG(accessibility)
        self.personName.setPlaceholderText(QCoreApplication.translate("Reporting", u"The moderator or colleague checking", None))
        self.markCheckedButton.setText(QCoreApplication.translate("Reporting", u"Mark as chec&ked", None))
        self.clearCheckButton.setText(QCoreApplication.translate("Reporting", u"&Undo the check", None))
#if QT_CONFIG(tooltip)
        self.clearCheckButton.setToolTip(QCoreApplication.translate("Reporting", u"Back to a draft for checking, with the DRAFT watermark", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.checkMessage.setAccessibleDescription(QCoreApplication.translate("Reporting", u"Checking message", None))
#endif // QT_CONFIG(accessibility)
        self.issueBox.setTitle(QCoreApplication.translate("Reporting", u"Issued to the school", None))
        self.issueButton.setText(QCoreApplication.translate("Reporting", u"&Issue to the school", None))
#if QT_CONFIG(accessibility)
        self.issuedList.setAccessibleName(QCoreApplication.translate("Reporting", u"Copies issued to the school", None))
#endif // QT_CONFIG(accessibility)
        self.openIssuedButton.setText(QCoreApplication.translate("Reporting", u"&Open the chosen copy", None))
        self.tabs.setTabText(self.tabs.indexOf(self.qaTab), QCoreApplication.translate("Reporting", u"&Quality assurance", None))
        self.tabs.setTabText(self.tabs.indexOf(self.brandingTab), QCoreApplication.translate("Reporting", u"Bra&nding", None))
        pass
    # retranslateUi

