// Package i18n is the desk's catalogue: every word the interface shows, in
// French and in English, and the sample week a new data file starts with.
// A Text is a plain struct, so a missing translation is a test failure
// rather than a blank on screen.
//
// The catalogue is keyed by its own types and plain strings (the names of
// statuses, revision kinds, events) and by package message's check codes;
// it knows neither the data file nor the screens that show its words.
package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Text holds the interface strings of one language.
type Text struct {
	Lang string

	// Phone is what the phone preview itself says.
	Phone PhoneWords

	// Status names, as a tab label (plural) and as a row badge; the badges
	// by the name of the status ("idea", "draft"...).
	StatusBadge map[string]string
	Tabs        [8]string // all, ideas, drafts, ready, validated, planned, sent, archived
	Categories  map[string]string

	Weekdays [7]string // Sunday first, as time.Weekday
	Months   [12]string

	// Backlog.
	ColStatus, ColCategory, ColDate, ColTitle string
	FilterPrompt, FilterHint                  string
	Empty, EmptyFilter, Loading               string
	// While the newest posts show and the rest is read: the title line,
	// and the list when a filter waits for every post.
	BacklogReading, FilterWaits string
	Untitled, SampleMark        string
	Problems                    string // a row's failing-checks mark, explained in help

	// Editor.
	NewPost, EditPost                    string
	FieldTitle, FieldCategory, FieldLink string
	FieldImage, FieldAlt, FieldBody      string
	FieldNotes, NotesEmpty               string
	PreviewTitle, Rev, Unsaved, Saved    string
	NotYetSaved                          string
	CategoryHint                         string
	BodyPlaceholder, LinkPlaceholder     string
	TitlePlaceholder, ImagePlaceholder   string
	AltPlaceholder, NotesPlaceholder     string
	ConfirmLeave, ConfirmRestore         string
	ConfirmQuitDirty                     string

	// History.
	HistoryTitle, HistoryEmpty string
	RevKinds                   map[string]string // by revision kind ("save", "restore"...)

	// Messages.
	MsgSaved, MsgNothingToSave, MsgWorkingSaved    string
	MsgRecovered                                   string
	MsgArchived, MsgUnarchived, MsgStatus          string
	MsgRestored, MsgNoSamples                      string
	MsgEditorFailed, MsgEditorReloaded             string
	MsgStatusNotAllowed, MsgConflict, MsgError     string
	MsgBackup, MsgNoPost, MsgBackupFailed          string
	YesKeys, NoKeys                                string // accepted answers to a yes/no question
	Yes, No, Cancel, SaveAnswer, DiscardAnswer     string
	HelpTitle, HelpBacklog, HelpEditor, HelpGlobal string
	HelpHistory, HelpClose                         string

	// Key help: what each binding does.
	KeyUp, KeyDown, KeyPgUp, KeyPgDown, KeyTop, KeyBottom   string
	KeyOpen, KeyNew, KeyArchive, KeyFilter, KeyClearFilter  string
	KeyNextTab, KeyPrevTab, KeyForward, KeyBack, KeyHistory string
	KeyDeleteSamples, KeyHelp, KeyQuit, KeySave, KeyClose   string
	KeyNextField, KeyPrevField, KeyExternal, KeyRestore     string
	KeyCategoryPrev, KeyCategoryNext, KeyGoToTab            string
	KeyPreview, KeyReadMore, KeyPhoneTheme, KeySubmit       string
	HelpFilter, KeyFilterDone, HelpPicker, KeyPick          string

	// Validation.
	KeyValidate, KeyRevoke, ConfirmValidate                        string
	ConfirmRevoke, CannotValidateStatus                            string
	MsgValidated, MsgRevoked, MsgAlreadyValidated, MsgNotValidated string
	MsgSaveFirst, MsgBackToReady                                   string
	ValidatedBy, Fingerprint                                       string
	KeyRefreshCard, MsgCardFetched, MsgCardFailed, MsgCardStatus   string
	MsgCardBusy, MsgCardRefused, MsgCardInternal                   string
	MsgCardInvalidated                                             string
	EventKinds, EventReasons                                       map[string]string // by event kind and reason

	// Week.
	KeyWeek, KeyNextWeek, KeyPrevWeek, KeyAssign, KeyUnassign     string
	KeySendNow, HelpWeek, WeekTitle                               string
	MsgUnplanned, MsgSwapped                                      string
	MsgSendsRun                                                   string
	MsgNothingValidated, MsgNoDispatcher, ConfirmSendNow, Sending string
	WeekNoSlots, EmptySlot, NotQueued, PickTitle                  string
	WeekLoading                                                   string
	Orphaned, ConfirmMoveOrphans, ConfirmCancelOrphans            string
	Past, InMinutes, InHours, InDays                              string
	SendStates                                                    map[string]string
	// SendStateLine is a destination and its send's state, on the week.
	SendStateLine                                                     string
	KeyUrgent, UrgentPrompt, UrgentPlaceholder, MsgUrgentNotValidated string
	WaitingNetwork, NotValidated                                      string
	MsgValidatedReplanned                                             string

	// Meet: the editorial meeting, its feeds, minutes and calendar.
	Meet MeetText

	// SendErrors say why a send did not go as planned, by the send
	// log's code (see SendError).
	SendErrors SendErrorText

	// Settle: the sends that wait for a person; Plan: planning that
	// cannot surprise.
	Settle SettleText
	Plan   PlanText
	// KeyNames name the keys the help shows by name, as the language's
	// keyboards do ("entrée", "échap"); see KeyLabel.
	KeyNames map[string]string

	// Counts: sentences that agree with their number (see Plural).
	PostsCount, MsgRecoveredPosts, MsgSamplesDeleted, ConfirmDeleteSamples Plural
	ConfirmValidateWarnings, CannotValidate, MsgInvalidatedBySettings      Plural
	MsgRetargeted                                                          Plural
	SendsGone, SendsWaiting, SendsToCheck, MoreChecks                      Plural
	MsgOrphaned, MsgOrphansCancelled                                       Plural

	// WhatsApp: linking, the channel, stats and corrections.
	WA WAText

	// Team: the team desk served over SSH.
	Team TeamText

	// Checks and the preview.
	Check                 map[string]string // by check code (message.CheckBodyEmpty...)
	ChecksOK, ChecksTitle string

	// Setup is the form of the desk's first questions.
	Setup SetupText

	// CLI is what the command line says.
	CLI CLIText
	// Settings is what the settings file says.
	Settings SettingsWords
	// SettingsProblems say what the settings' checks found wrong, by the
	// English format the settings package gives (see SettingsProblem);
	// English has none: it says the formats themselves.
	SettingsProblems map[string]string
}

// WithCategories is the catalogue with the settings' labels of
// categories, by name, over its own: a copy, the catalogue stays as it is.
func (t *Text) WithCategories(labels map[string]string) *Text {
	if len(labels) == 0 {
		return t
	}
	c := *t
	c.Categories = make(map[string]string, len(t.Categories)+len(labels))
	for name, label := range t.Categories {
		c.Categories[name] = label
	}
	for name, label := range labels {
		c.Categories[name] = label
	}
	return &c
}

// KeyLabel is a key as the help shows it, each part of "r/enter" named in
// the language.
func (t *Text) KeyLabel(shown string) string {
	parts := strings.Split(shown, "/")
	for i, p := range parts {
		if name, ok := t.KeyNames[p]; ok {
			parts[i] = name
		}
	}
	return strings.Join(parts, "/")
}

// SettingsProblem says a problem of the settings in the language. format
// and args are the settings package's; an argument that is a problem of
// its own (it has Parts) is said in turn.
func (t *Text) SettingsProblem(format string, args ...any) string {
	said := make([]any, len(args))
	for i, a := range args {
		if inner, ok := a.(interface{ Parts() (string, []any) }); ok {
			f, innerArgs := inner.Parts()
			a = t.SettingsProblem(f, innerArgs...)
		}
		said[i] = a
	}
	if f, ok := t.SettingsProblems[format]; ok {
		format = f
	}
	return fmt.Sprintf(format, said...)
}

// PhoneWords are the few strings the phone preview itself shows, in the
// language of the follower's phone: they imitate WhatsApp's own words. The
// fields are those of the phone preview's Words, which the desk converts
// them to.
type PhoneWords struct {
	ReadMore     string // the link that expands a long message
	ImageMissing string // the placeholder of an image that cannot be read
	// Follower and Followers are the nouns after a count of one and of
	// more; Point, Thousand, Million and Billion write the count compactly
	// ("12,4 k", "12.4K").
	Follower, Followers               string
	Point, Thousand, Million, Billion string
	// ZeroSingular says whether zero takes the singular ("0 abonné"), as
	// in French, or the plural ("0 followers"), as in English.
	ZeroSingular bool
	// View and Views are the line under a published message, for a
	// count of one and of more: "%s view", "%s views".
	View, Views string
}

// WAText is what the desk says about WhatsApp.
type WAText struct {
	Title, Account, Connection, Channel, NoAccount, NoChannel string
	States                                                    [5]string // by the state of the WhatsApp connection
	HowToLink, Risk, Starting, ScanHow, PairHow, SecondsLeft  string
	Linked, Expired, LinkFailed, TooSmall, AlreadyLinked      string
	LinkFirst, BadPhone, Unavailable                          string
	PhonePrompt, PhonePlaceholder                             string
	InvitePrompt, InvitePlaceholder                           string
	ChannelsTitle, NoChannels, Loading, PressChannels         string
	Chosen, ConfirmUnlink, Unlinked                           string
	LoggedOutBanner                                           string

	KeyWhatsApp, KeyLinkQR, KeyLinkPhone, KeyChannels, KeyInvite string
	KeyChoose, KeyUnlink, KeyRefreshStats, KeyCorrect            string
	KeyWithdraw                                                  string

	// Stats of sent posts.
	StatsAt, StatsNone                          string
	Followers, Views, Reactions, StatsRefreshed Plural

	// Corrections of sent posts.
	ConfirmCorrect, ConfirmWithdraw, Corrected, Withdrawn string
	NotPublished, CorrectionNotReady, AlreadyWithdrawn    string
	TooLateToEdit, CorrectionPending                      string
	PublishedOn, Edited, PendingUnknown, SavedSent        string
	ManualOff                                             string
}

// For returns the catalogue of a language: "fr" or anything else for English.
func For(lang string) *Text {
	if lang == "fr" {
		return &fr
	}
	return &en
}

// Detect picks the interface language: an explicit choice first, then the
// locale variables in POSIX order of precedence.
func Detect(choice string, getenv func(string) string) string {
	if choice == "fr" || choice == "en" {
		return choice
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			if strings.HasPrefix(strings.ToLower(val), "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}

// Status is the badge of a status, given by its name.
func (t *Text) Status(s string) string {
	if b, ok := t.StatusBadge[s]; ok {
		return b
	}
	return s
}

// Category is the shown name of a category; a free-typed one stays as typed.
func (t *Text) Category(c string) string {
	if n, ok := t.Categories[c]; ok {
		return n
	}
	return c
}

// ShortDate is a row's date: "mar. 24 nov." / "Tue 24 Nov".
func (t *Text) ShortDate(d time.Time) string {
	return fmt.Sprintf("%s %d %s", t.Weekdays[d.Weekday()], d.Day(), t.Months[d.Month()-1])
}

// Stamp is a precise moment: "24 nov. 14:05" / "24 Nov 14:05".
func (t *Text) Stamp(d time.Time) string {
	return fmt.Sprintf("%d %s %d %s", d.Day(), t.Months[d.Month()-1], d.Year(), d.Format("15:04"))
}

// Count formats n with the language's thousands separator.
func (t *Text) Count(n int) string {
	s := fmt.Sprint(n)
	sep := ","
	if t.Lang == "fr" {
		sep = "\u202f"
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}
