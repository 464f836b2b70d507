package i18n

import (
	"fmt"
	"time"
)

// MeetText is what the desk says about the editorial meeting: its feeds,
// its minutes, its calendar (which the commands print too; what the
// commands say of themselves is in MeetingCLIText), and its screen.
type MeetText struct {
	WeekdaysLong [7]string  // Sunday first, as time.Weekday
	MonthsLong   [12]string // January first
	// FirstDay writes the first of a month ("1er"); other days are digits.
	FirstDay string
	// Decisions, as the minutes and the screen name them.
	ThisWeek, Later, Dropped string
	// TopicApproved is the validation record of a topic the meeting
	// approved: the meeting's date, who was there, the validator.
	TopicApproved string

	Minutes  MinutesText
	Calendar CalendarText
	Feeds    FeedsText
	Screen   MeetScreenText
}

// MinutesText writes the minutes of a meeting, in Markdown.
type MinutesText struct {
	// Title is the meeting's: its date and time. WeekTitle heads the page
	// of a week without a meeting: its number, first and last day.
	Title, WeekTitle, NoMeeting, Present, NobodyPresent string
	DecidedTitle, LaterTitle, DroppedTitle, NoDecision  string
	DecidedHeader                                       [5]string // slot, topic, writer, angle, link
	LaterLine, DroppedLine                              string
	SlotsTitle, SlotFree, SlotReserved, SlotAgain       string
	ResultsTitle, NoResults, ByCategory, TypedMark      string
	ResultsHeader                                       [4]string // post, category, views, reactions
	CategoryLine                                        Plural    // category, posts, views
	Views                                               Plural
	Written                                             string // the file the screen wrote them to
}

// CalendarText names the events of the week's calendar.
type CalendarText struct {
	Name, Reserved                    string
	Writer, Angle, Status, Link, Week string
}

// FeedsText is what the desk and crieur feeds fetch say of a reading of
// the feeds: what it added, and why a feed could not be read.
type FeedsText struct {
	Added, Skipped Plural
	FetchFailed    string
	CouldNotRead   Plural
	// Why a feed could not be read.
	Status, HTML, NotXML, NotFeed, TooLarge, Timeout string
	Redirects, Address, Unreachable                  string
}

// LongDate is a day written out: "mardi 8 décembre" / "Tuesday 8
// December".
func (t *Text) LongDate(d time.Time) string {
	m := &t.Meet
	day := fmt.Sprint(d.Day())
	if d.Day() == 1 {
		day = m.FirstDay
	}
	return fmt.Sprintf("%s %s %s", m.WeekdaysLong[d.Weekday()], day, m.MonthsLong[d.Month()-1])
}

// DayAndTime is a slot or a meeting: "mardi 8 décembre 09:00".
func (t *Text) DayAndTime(d time.Time) string {
	return t.LongDate(d) + " " + d.Format("15:04")
}

var meetFR = MeetText{
	WeekdaysLong:  [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	MonthsLong:    [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	FirstDay:      "1er",
	ThisWeek:      "cette semaine",
	Later:         "plus tard",
	Dropped:       "abandonné",
	TopicApproved: "sujet approuvé à la réunion du %s (%s) ; texte validé par %s",
	Screen:        meetScreenFR,
	Minutes: MinutesText{
		Title:         "# Réunion de rédaction du %s",
		WeekTitle:     "# Semaine %d, du %s au %s",
		NoMeeting:     "_Aucune réunion n’a été enregistrée pour la semaine %d : voici ses créneaux et ce qui est prévu._",
		Present:       "**Présents** : %s",
		NobodyPresent: "**Présents** : personne n’a été noté",
		DecidedTitle:  "## Décidé pour la semaine",
		LaterTitle:    "## Reporté",
		DroppedTitle:  "## Abandonné",
		NoDecision:    "_Aucun sujet décidé pour la semaine._",
		DecidedHeader: [5]string{"Créneau", "Sujet", "Rédaction", "Angle", "Lien"},
		LaterLine:     "- %s → semaine %s",
		DroppedLine:   "- %s : %s",
		SlotsTitle:    "## Les créneaux",
		SlotFree:      "libre",
		SlotReserved:  "réservé : %s — %s",
		SlotAgain:     "à valider de nouveau",
		ResultsTitle:  "## Résultats de la semaine passée",
		NoResults:     "_Rien n’est parti la semaine passée._",
		ByCategory:    "**Par catégorie**",
		TypedMark:     " (saisies)",
		ResultsHeader: [4]string{"Publication", "Catégorie", "Vues", "Réactions"},
		CategoryLine:  Plural{One: "- %[2]s : %[1]s publication, %[3]s", Other: "- %[2]s : %[1]s publications, %[3]s"},
		Views:         Plural{One: "%s vue", Other: "%s vues"},
		Written:       "Compte rendu écrit dans %s",
	},
	Calendar: CalendarText{
		Name:     "%s — créneaux",
		Reserved: "Réservé : %s — %s",
		Writer:   "Rédaction : %s",
		Angle:    "Angle : %s",
		Status:   "Statut : %s",
		Link:     "Lien : %s",
		Week:     "Semaine %s",
	},
	Feeds: FeedsText{
		Added:        Plural{One: "%s idée ajoutée", Other: "%s idées ajoutées"},
		Skipped:      Plural{One: "%s déjà là", Other: "%s déjà là"},
		FetchFailed:  "%s : %s",
		CouldNotRead: Plural{One: "%s flux n’a pas pu être lu", Other: "%s flux n’ont pas pu être lus"},
		Status:       "le serveur répond %s",
		HTML:         "c’est une page web, pas un flux",
		NotXML:       "ce n’est pas du XML",
		NotFeed:      "c’est du XML, mais ni du RSS ni de l’Atom",
		TooLarge:     "le flux est trop gros",
		Timeout:      "pas de réponse à temps",
		Redirects:    "trop de redirections",
		Address:      "l’adresse n’est pas une adresse web",
		Unreachable:  "injoignable (%s)",
	},
}

var meetEN = MeetText{
	WeekdaysLong:  [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	MonthsLong:    [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	FirstDay:      "1",
	ThisWeek:      "this week",
	Later:         "later",
	Dropped:       "dropped",
	TopicApproved: "topic approved at the meeting of %s (%s); text validated by %s",
	Screen:        meetScreenEN,
	Minutes: MinutesText{
		Title:         "# Editorial meeting of %s",
		WeekTitle:     "# Week %d, %s to %s",
		NoMeeting:     "_No meeting was recorded for week %d: here are its slots and what is planned._",
		Present:       "**Present**: %s",
		NobodyPresent: "**Present**: nobody was noted",
		DecidedTitle:  "## Decided for the week",
		LaterTitle:    "## Put off",
		DroppedTitle:  "## Dropped",
		NoDecision:    "_No topic decided for the week._",
		DecidedHeader: [5]string{"Slot", "Topic", "Writer", "Angle", "Link"},
		LaterLine:     "- %s → week %s",
		DroppedLine:   "- %s: %s",
		SlotsTitle:    "## The slots",
		SlotFree:      "free",
		SlotReserved:  "reserved: %s — %s",
		SlotAgain:     "to validate again",
		ResultsTitle:  "## Last week's results",
		NoResults:     "_Nothing went out last week._",
		ByCategory:    "**By category**",
		TypedMark:     " (typed in)",
		ResultsHeader: [4]string{"Post", "Category", "Views", "Reactions"},
		CategoryLine:  Plural{One: "- %[2]s: %[1]s post, %[3]s", Other: "- %[2]s: %[1]s posts, %[3]s"},
		Views:         Plural{One: "%s view", Other: "%s views"},
		Written:       "Minutes written to %s",
	},
	Calendar: CalendarText{
		Name:     "%s — slots",
		Reserved: "Reserved: %s — %s",
		Writer:   "Writer: %s",
		Angle:    "Angle: %s",
		Status:   "Status: %s",
		Link:     "Link: %s",
		Week:     "Week %s",
	},
	Feeds: FeedsText{
		Added:        Plural{One: "%s idea added", Other: "%s ideas added"},
		Skipped:      Plural{One: "%s already there", Other: "%s already there"},
		FetchFailed:  "%s: %s",
		CouldNotRead: Plural{One: "%s feed could not be read", Other: "%s feeds could not be read"},
		Status:       "the server answers %s",
		HTML:         "it is a web page, not a feed",
		NotXML:       "it is not XML",
		NotFeed:      "it is XML, but neither RSS nor Atom",
		TooLarge:     "the feed is too large",
		Timeout:      "no answer in time",
		Redirects:    "too many redirects",
		Address:      "the address is not a web address",
		Unreachable:  "unreachable (%s)",
	},
}
