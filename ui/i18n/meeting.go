package i18n

import (
	"fmt"
	"time"
)

// MeetText is what the desk says about the editorial meeting: its feeds,
// its minutes, its calendar, and the commands that print them.
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
	Summary, Usage, NoArgs, BadWeek string
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
	Summary, Usage, NoArgs, BadWeeks  string
	Name, Reserved                    string
	Writer, Angle, Status, Link, Week string
}

// FeedsText is what crieur feeds and crieur feeds fetch say.
type FeedsText struct {
	Summary, Usage, FetchUsage, NoArgs, UnknownSub string
	NoFeeds, Never, ReadAt, FailedAt, LastOK, URL  string
	Added, Skipped, Total, InARow                  Plural
	Fetched, FetchFailed                           string
	CouldNotRead                                   Plural
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
		Summary: "le compte rendu de la réunion de rédaction, en Markdown",
		Usage: `Usage : crieur minutes [--week 2026-W50]

Écrit en Markdown le compte rendu de la réunion de rédaction de la semaine
(par défaut la semaine en cours) : sa date, les présents, les sujets décidés
(créneau, sujet, rédaction, angle, lien), reportés et abandonnés, les
créneaux et les résultats de la semaine passée. Sans réunion enregistrée
cette semaine-là, la page de la semaine est écrite quand même et le dit.

  --week 2026-W50   la semaine ISO du compte rendu
`,
		NoArgs:        "minutes ne prend pas d’argument (reçu « %s ») ; « crieur minutes -h » donne l’aide",
		BadWeek:       "--week « %s » : écrivez la semaine comme 2026-W50",
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
		Summary: "les créneaux planifiés et réservés, en iCalendar",
		Usage: `Usage : crieur calendar [--weeks N]

Écrit en iCalendar (RFC 5545) les créneaux planifiés et réservés des N
semaines à venir, à partir de la semaine en cours (4 par défaut), pour les
agendas de l’équipe. Chaque créneau garde le même identifiant d’un export
à l’autre : un agenda qui s’abonne au fichier le met à jour.

  --weeks N   combien de semaines (de 1 à 52)
`,
		NoArgs:   "calendar ne prend pas d’argument (reçu « %s ») ; « crieur calendar -h » donne l’aide",
		BadWeeks: "--weeks vaut %d : choisissez de 1 à 52",
		Name:     "%s — créneaux",
		Reserved: "Réservé : %s — %s",
		Writer:   "Rédaction : %s",
		Angle:    "Angle : %s",
		Status:   "Statut : %s",
		Link:     "Lien : %s",
		Week:     "Semaine %s",
	},
	Feeds: FeedsText{
		Summary: "les flux des réglages : quand chacun a été lu, ce qu’il a donné",
		Usage: `Usage : crieur feeds
       crieur feeds fetch

Liste les flux RSS et Atom des réglages (les tables [[feed]]) avec leur
dernière lecture et ce qu’elle a donné.

« crieur feeds fetch » lit chaque flux et ajoute chaque nouvel article comme
idée : son titre, son lien, son résumé en notes, sa date et le nom du flux
comme source. Un article dont la page est déjà celle d’une publication est
laissé de côté, quel que soit le flux qui l’apporte. Un flux qui échoue est
nommé sur une ligne et n’arrête pas les autres ; le code de sortie est alors 1.
`,
		FetchUsage: `Usage : crieur feeds fetch

Lit chaque flux des réglages et ajoute ses nouveaux articles comme idées.
Une ligne par flux ; un flux qui échoue est nommé sur une ligne et n’arrête
pas les autres, et le code de sortie est alors 1.
`,
		NoArgs:       "%s ne prend pas d’argument (reçu « %s ») ; « crieur feeds -h » donne l’aide",
		UnknownSub:   "« %s » : crieur feeds connaît seulement fetch",
		NoFeeds:      "Aucun flux dans les réglages : ajoutez une table [[feed]] (name, url) dans %s",
		Never:        "jamais lu",
		ReadAt:       "lu le %s",
		FailedAt:     "échec le %s : %s",
		LastOK:       "dernière lecture réussie le %s",
		URL:          "adresse",
		Added:        Plural{One: "%s idée ajoutée", Other: "%s idées ajoutées"},
		Skipped:      Plural{One: "%s déjà là", Other: "%s déjà là"},
		Total:        Plural{One: "%s idée en tout", Other: "%s idées en tout"},
		InARow:       Plural{One: "%s fois", Other: "%s fois de suite"},
		Fetched:      "%s : %s, %s",
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
		Summary: "the minutes of the editorial meeting, in Markdown",
		Usage: `Usage: crieur minutes [--week 2026-W50]

Writes in Markdown the minutes of the week's editorial meeting (by default
this week's): its date, who was there, the topics decided (slot, topic,
writer, angle, link), put off and dropped, the slots and last week's
results. With no meeting recorded that week, the week's page is written
all the same and says so.

  --week 2026-W50   the ISO week of the minutes
`,
		NoArgs:        "minutes takes no arguments (got %q); run 'crieur minutes -h' for help",
		BadWeek:       "--week %q: write the week as 2026-W50",
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
		Summary: "the planned and reserved slots, as iCalendar",
		Usage: `Usage: crieur calendar [--weeks N]

Writes as iCalendar (RFC 5545) the planned and reserved slots of the next N
weeks, from this week on (4 by default), for the team's calendars. Each
slot keeps the same id from one export to the next, so a calendar that
subscribes to the file updates it.

  --weeks N   how many weeks (1 to 52)
`,
		NoArgs:   "calendar takes no arguments (got %q); run 'crieur calendar -h' for help",
		BadWeeks: "--weeks is %d; use 1 to 52",
		Name:     "%s — slots",
		Reserved: "Reserved: %s — %s",
		Writer:   "Writer: %s",
		Angle:    "Angle: %s",
		Status:   "Status: %s",
		Link:     "Link: %s",
		Week:     "Week %s",
	},
	Feeds: FeedsText{
		Summary: "the feeds of the settings: when each was read, what it gave",
		Usage: `Usage: crieur feeds
       crieur feeds fetch

Lists the RSS and Atom feeds of the settings (the [[feed]] tables) with
their last reading and what it gave.

'crieur feeds fetch' reads every feed and adds each new entry as an idea:
its title, its link, its summary as notes, its date and the feed's name as
its source. An entry whose page is already a post's is skipped, whichever
feed brings it. A feed that fails is named in one line and does not stop
the others; the exit status is then 1.
`,
		FetchUsage: `Usage: crieur feeds fetch

Reads every feed of the settings and adds its new entries as ideas. One
line per feed; a feed that fails is named in one line and does not stop the
others, and the exit status is then 1.
`,
		NoArgs:       "%s takes no arguments (got %q); run 'crieur feeds -h' for help",
		UnknownSub:   "%q: crieur feeds knows only fetch",
		NoFeeds:      "No feed in the settings: add a [[feed]] table (name, url) to %s",
		Never:        "never read",
		ReadAt:       "read %s",
		FailedAt:     "failed %s: %s",
		LastOK:       "last read well %s",
		URL:          "address",
		Added:        Plural{One: "%s idea added", Other: "%s ideas added"},
		Skipped:      Plural{One: "%s already there", Other: "%s already there"},
		Total:        Plural{One: "%s idea in all", Other: "%s ideas in all"},
		InARow:       Plural{One: "%s time", Other: "%s times in a row"},
		Fetched:      "%s: %s, %s",
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
