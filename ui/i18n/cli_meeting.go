package i18n

// MeetingCLIText is what crieur feeds, crieur minutes and crieur calendar
// say of themselves: their help, the mistakes of their command lines, and
// the list of the feeds. What they print of the meeting itself (the
// minutes, the calendar, why a feed failed) is the desk's words too, in
// MeetText.
type MeetingCLIText struct {
	Feeds    FeedsCLIText
	Minutes  MinutesCLIText
	Calendar CalendarCLIText
}

// FeedsCLIText is crieur feeds and crieur feeds fetch.
type FeedsCLIText struct {
	Summary, Usage, FetchUsage, NoArgs, UnknownSub string
	NoFeeds, Never, ReadAt, FailedAt, LastOK, URL  string
	// Fetched is a feed read: its name, the ideas added, those skipped.
	Fetched string
	// Listed is one feed of crieur feeds: its name, its state, the word
	// for its address, the address.
	Listed        string
	Total, InARow Plural
}

// MinutesCLIText is crieur minutes.
type MinutesCLIText struct {
	Summary, Usage, NoArgs, BadWeek string
}

// CalendarCLIText is crieur calendar.
type CalendarCLIText struct {
	Summary, Usage, NoArgs, BadWeeks string
}

var meetingCLIEN = MeetingCLIText{
	Minutes: MinutesCLIText{
		Summary: "the minutes of the editorial meeting, in Markdown",
		Usage: `Usage: crieur minutes [--week 2026-W50]

Writes in Markdown the minutes of the week's editorial meeting (by default
this week's): its date, who was there, the topics decided (slot, topic,
writer, angle, link), put off and dropped, the slots and last week's
results. With no meeting recorded that week, the week's page is written
all the same and says so.

  --week 2026-W50   the ISO week of the minutes
`,
		NoArgs:  "minutes takes no arguments (got %q); run 'crieur minutes -h' for help",
		BadWeek: "--week %q: write the week as 2026-W50",
	},
	Calendar: CalendarCLIText{
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
	},
	Feeds: FeedsCLIText{
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
		NoArgs:     "%s takes no arguments (got %q); run 'crieur feeds -h' for help",
		UnknownSub: "%q: crieur feeds knows only fetch",
		NoFeeds:    "No feed in the settings: add a [[feed]] table (name, url) to %s",
		Never:      "never read",
		ReadAt:     "read %s",
		FailedAt:   "failed %s: %s",
		LastOK:     "last read well %s",
		URL:        "address",
		Total:      Plural{One: "%s idea in all", Other: "%s ideas in all"},
		InARow:     Plural{One: "%s time", Other: "%s times in a row"},
		Fetched:    "%s: %s, %s",
		Listed:     "%s\n  %s\n  %s: %s",
	},
}

var meetingCLIFR = MeetingCLIText{
	Minutes: MinutesCLIText{
		Summary: "le compte rendu de la réunion de rédaction, en Markdown",
		Usage: `Usage : crieur minutes [--week 2026-W50]

Écrit en Markdown le compte rendu de la réunion de rédaction de la semaine
(par défaut la semaine en cours) : sa date, les présents, les sujets décidés
(créneau, sujet, rédaction, angle, lien), reportés et abandonnés, les
créneaux et les résultats de la semaine passée. Sans réunion enregistrée
cette semaine-là, la page de la semaine est écrite quand même et le dit.

  --week 2026-W50   la semaine ISO du compte rendu
`,
		NoArgs:  "minutes ne prend pas d’argument (reçu « %s ») ; « crieur minutes -h » donne l’aide",
		BadWeek: "--week « %s » : écrivez la semaine comme 2026-W50",
	},
	Calendar: CalendarCLIText{
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
	},
	Feeds: FeedsCLIText{
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
		NoArgs:     "%s ne prend pas d’argument (reçu « %s ») ; « crieur feeds -h » donne l’aide",
		UnknownSub: "« %s » : crieur feeds connaît seulement fetch",
		NoFeeds:    "Aucun flux dans les réglages : ajoutez une table [[feed]] (name, url) dans %s",
		Never:      "jamais lu",
		ReadAt:     "lu le %s",
		FailedAt:   "échec le %s : %s",
		LastOK:     "dernière lecture réussie le %s",
		URL:        "adresse",
		Total:      Plural{One: "%s idée en tout", Other: "%s idées en tout"},
		InARow:     Plural{One: "%s fois", Other: "%s fois de suite"},
		Fetched:    "%s : %s, %s",
		Listed:     "%s\n  %s\n  %s\u00a0: %s",
	},
}
