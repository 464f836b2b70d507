package i18n

// MeetScreenText is what the meeting screen says, and what the rest of
// the desk says about the meeting's decisions: a validation queued for
// its reserved slot, a reserved slot left late, the feeds read.
type MeetScreenText struct {
	Heading, MinutesHeading                   string
	Present, NobodyYet                        string
	AttendeesTitle, AttendeesHint             string
	Roles                                     map[string]string // by role (writer, validator, admin)
	Topics                                    Plural
	OwnIdeas, NoTopics, NothingNew            string
	SlotsTitle, SlotFree, SlotPlanned         string
	Results                                   Plural
	NoResults, ByCategory, NoFigures          string
	TypedSign, TypedLegend                    string // figures typed in: the mark and what it means
	MarkThisWeek, MarkLater, MarkDropped      string
	SlotPrompt, SlotTaken, WriterPrompt       string
	SlotSoon                                  string // a slot within the lead time: a post will not go by itself
	AnglePrompt, AnglePlaceholder             string
	WeekPrompt, WeekLine                      string
	ReasonPrompt, ReasonPlaceholder           string
	ViewsPrompt, ViewsPlaceholder, BadViews   string
	Loading, MinutesLoading                   string
	Detail                                    string // the source and the date of a topic
	DecidedThisWeek, DecidedQueued            string
	DecidedLate, DecidedLater, DecidedDropped string
	Started, NeedSomeone, NoFreeSlot          string
	ViewsTyped                                string
	SlotReservedErr, SlotTakenErr, SlotPast   string

	// Validation of a post whose slot a meeting reserved; the lead time
	// in hours or minutes.
	ValidatedQueued, ValidatedLate, Hours, Minutes string
	// The title line, until a person decides about a late reservation.
	LateBanner Plural
	// The week.
	ReservedLate, ConfirmRelease, Released, PastReserved string

	// The feeds read by the desk.
	FeedsRead, FeedsFailed, FeedsNothing, FeedsReading string

	// History: a meeting's decision, the slot given back.
	EventThisWeek, EventLater, EventDropped, EventReleased string

	// Keys.
	HelpMeeting, HelpAttendees, HelpChoice, HelpMinutes     string
	KeyMeeting, KeyThisWeek, KeyLater, KeyDrop, KeyPane     string
	KeyTypeViews, KeyTeam, KeyMinutes, KeyWriteMinutes      string
	KeyToggle, KeyStart, KeyChoose, KeyFeeds, KeyBackAgenda string
}

var meetScreenFR = MeetScreenText{
	Heading:           "Réunion du %s",
	MinutesHeading:    "Compte rendu · %s",
	Present:           "Présents\u00a0: %s",
	NobodyYet:         "Présents\u00a0: personne n’est encore coché",
	AttendeesTitle:    "Qui est là\u00a0?",
	AttendeesHint:     "Cochez les présents, puis commencez la réunion.",
	Roles:             map[string]string{"writer": "rédige", "validator": "valide", "admin": "administre"},
	Topics:            Plural{One: "%s sujet", Other: "%s sujets"},
	OwnIdeas:          "Vos idées",
	NoTopics:          "Aucun sujet à l’ordre du jour.",
	NothingNew:        "rien de nouveau",
	SlotsTitle:        "Créneaux des 7 jours",
	SlotFree:          "libre",
	SlotPlanned:       "%s (%s)",
	Results:           Plural{One: "Résultats, %s semaine", Other: "Résultats, %s semaines"},
	NoResults:         "Rien n’est parti ces dernières semaines.",
	ByCategory:        "Par catégorie",
	NoFigures:         "pas de chiffres",
	TypedSign:         "✎",
	TypedLegend:       "✎ vues saisies à la main",
	MarkThisWeek:      "✓ %s · %s",
	MarkLater:         "→ sem. %d",
	MarkDropped:       "✗ abandonné",
	SlotPrompt:        "Créneau pour «\u00a0%s\u00a0»",
	SlotTaken:         "pris\u00a0: %s",
	SlotSoon:          "dans moins de %s\u00a0: ne partira pas seule",
	WriterPrompt:      "Qui l’écrit\u00a0?",
	AnglePrompt:       "L’angle, en une ligne\u00a0:",
	AnglePlaceholder:  "ex. ce qui change pour les familles",
	WeekPrompt:        "Reporter «\u00a0%s\u00a0» à la semaine\u00a0:",
	WeekLine:          "semaine %d · %s – %s",
	ReasonPrompt:      "Pourquoi abandonner «\u00a0%s\u00a0»\u00a0?",
	ReasonPlaceholder: "ex. déjà annoncé, hors de notre champ",
	ViewsPrompt:       "Vues lues sur le téléphone pour «\u00a0%s\u00a0»\u00a0:",
	ViewsPlaceholder:  "ex. 1240",
	BadViews:          "Un nombre de vues, en chiffres (ex. 1240).",
	Loading:           "Lecture de l’ordre du jour…",
	MinutesLoading:    "Mise en page du compte rendu…",
	Detail:            "%s · %s",
	DecidedThisWeek:   "«\u00a0%s\u00a0»\u00a0: cette semaine, %s, écrit par %s.",
	DecidedQueued:     "«\u00a0%s\u00a0»\u00a0: cette semaine, déjà validée, part %s.",
	DecidedLate:       "«\u00a0%s\u00a0»\u00a0: cette semaine, %s\u00a0; déjà validée, mais trop près du créneau pour partir seule.",
	DecidedLater:      "«\u00a0%s\u00a0» reporté à la semaine %d.",
	DecidedDropped:    "«\u00a0%s\u00a0» abandonné et archivé.",
	Started:           "Réunion ouverte\u00a0: %s.",
	NeedSomeone:       "Cochez au moins une personne présente.",
	NoFreeSlot:        "Aucun créneau libre dans les 7 jours à venir.",
	ViewsTyped:        "«\u00a0%s\u00a0»\u00a0: %s.",
	SlotReservedErr:   "Ce créneau est réservé pour un autre sujet.",
	SlotTakenErr:      "Ce créneau a déjà sa publication.",
	SlotPast:          "Ce créneau est déjà passé.",

	ValidatedQueued: "«\u00a0%s\u00a0» validée\u00a0: part %s.",
	Hours:           "%d\u00a0h",
	Minutes:         "%d\u00a0min",
	ValidatedLate:   "Validée, mais pas mise en file\u00a0: son créneau, %s, est passé ou à moins de %s. À décider sur la semaine.",
	LateBanner:      Plural{One: "⚠ %s créneau réservé à décider", Other: "⚠ %s créneaux réservés à décider"},
	ReservedLate:    "⚠ trop tard pour partir seule",
	ConfirmRelease:  "Libérer le créneau réservé pour «\u00a0%s\u00a0»\u00a0? (o/n)",
	Released:        "Créneau réservé pour «\u00a0%s\u00a0» libéré.",
	PastReserved:    "Ce créneau est passé\u00a0: libérez-le, puis planifiez la publication ailleurs.",

	FeedsRead:    "Flux lus\u00a0: %s.",
	FeedsFailed:  "Flux\u00a0: %s, %s (%s).",
	FeedsNothing: "Flux lus\u00a0: rien de nouveau.",
	FeedsReading: "lecture des flux…",

	EventThisWeek: "⚑ réunion du %s\u00a0: cette semaine, %s, écrit par %s",
	EventLater:    "⚑ réunion du %s\u00a0: reporté à la semaine %s",
	EventDropped:  "⚑ réunion du %s\u00a0: abandonné (%s)",
	EventReleased: "créneau réservé du %s libéré",

	HelpMeeting: "Réunion", HelpAttendees: "Réunion · qui est là", HelpChoice: "Réunion · choix", HelpMinutes: "Compte rendu",
	KeyMeeting:      "réunion",
	KeyThisWeek:     "cette semaine",
	KeyLater:        "plus tard",
	KeyDrop:         "abandonner",
	KeyPane:         "sujets / résultats",
	KeyTypeViews:    "saisir les vues lues sur le téléphone",
	KeyTeam:         "qui est là",
	KeyMinutes:      "compte rendu",
	KeyWriteMinutes: "écrire le fichier à envoyer",
	KeyToggle:       "présent / absent",
	KeyStart:        "commencer la réunion",
	KeyChoose:       "choisir",
	KeyFeeds:        "lire les flux maintenant",
	KeyBackAgenda:   "retour",
}

var meetScreenEN = MeetScreenText{
	Heading:           "Meeting of %s",
	MinutesHeading:    "Minutes · %s",
	Present:           "Present: %s",
	NobodyYet:         "Present: nobody ticked yet",
	AttendeesTitle:    "Who is here?",
	AttendeesHint:     "Tick who is here, then start the meeting.",
	Roles:             map[string]string{"writer": "writer", "validator": "validator", "admin": "admin"},
	Topics:            Plural{One: "%s topic", Other: "%s topics"},
	OwnIdeas:          "Your ideas",
	NoTopics:          "Nothing on the agenda.",
	NothingNew:        "nothing new",
	SlotsTitle:        "Slots, next 7 days",
	SlotFree:          "free",
	SlotPlanned:       "%s (%s)",
	Results:           Plural{One: "Results, %s week", Other: "Results, %s weeks"},
	NoResults:         "Nothing went out in the last weeks.",
	ByCategory:        "By category",
	NoFigures:         "no figures",
	TypedSign:         "✎",
	TypedLegend:       "✎ views typed in by hand",
	MarkThisWeek:      "✓ %s · %s",
	MarkLater:         "→ wk %d",
	MarkDropped:       "✗ dropped",
	SlotPrompt:        "Slot for “%s”",
	SlotTaken:         "taken: %s",
	SlotSoon:          "less than %s away: will not go by itself",
	WriterPrompt:      "Who writes it?",
	AnglePrompt:       "The angle, in one line:",
	AnglePlaceholder:  "e.g. what changes for families",
	WeekPrompt:        "Put “%s” off to the week:",
	WeekLine:          "week %d · %s – %s",
	ReasonPrompt:      "Why drop “%s”?",
	ReasonPlaceholder: "e.g. already announced, not ours",
	ViewsPrompt:       "Views read on the phone for “%s”:",
	ViewsPlaceholder:  "e.g. 1240",
	BadViews:          "A number of views, in digits (e.g. 1240).",
	Loading:           "Reading the agenda…",
	MinutesLoading:    "Laying the minutes out…",
	Detail:            "%s · %s",
	DecidedThisWeek:   "“%s”: this week, %s, written by %s.",
	DecidedQueued:     "“%s”: this week, already validated, goes out %s.",
	DecidedLate:       "“%s”: this week, %s; already validated, but too close to the slot to go by itself.",
	DecidedLater:      "“%s” put off to week %d.",
	DecidedDropped:    "“%s” dropped and archived.",
	Started:           "Meeting open: %s.",
	NeedSomeone:       "Tick at least one person who is here.",
	NoFreeSlot:        "No free slot in the next 7 days.",
	ViewsTyped:        "“%s”: %s.",
	SlotReservedErr:   "That slot is reserved for another topic.",
	SlotTakenErr:      "That slot already has its post.",
	SlotPast:          "That slot is already past.",

	ValidatedQueued: "“%s” validated: goes out %s.",
	Hours:           "%d h",
	Minutes:         "%d min",
	ValidatedLate:   "Validated, but not queued: its slot, %s, is past or less than %s away. Decide on the week.",
	LateBanner:      Plural{One: "⚠ %s reserved slot to decide", Other: "⚠ %s reserved slots to decide"},
	ReservedLate:    "⚠ too late to go by itself",
	ConfirmRelease:  "Release the slot reserved for “%s”? (y/n)",
	Released:        "Slot reserved for “%s” released.",
	PastReserved:    "That slot is past: release it, then plan the post in another.",

	FeedsRead:    "Feeds read: %s.",
	FeedsFailed:  "Feeds: %s, %s (%s).",
	FeedsNothing: "Feeds read: nothing new.",
	FeedsReading: "reading the feeds…",

	EventThisWeek: "⚑ meeting of %s: this week, %s, written by %s",
	EventLater:    "⚑ meeting of %s: put off to week %s",
	EventDropped:  "⚑ meeting of %s: dropped (%s)",
	EventReleased: "slot reserved for %s released",

	HelpMeeting: "Meeting", HelpAttendees: "Meeting · who is here", HelpChoice: "Meeting · choice", HelpMinutes: "Minutes",
	KeyMeeting:      "meeting",
	KeyThisWeek:     "this week",
	KeyLater:        "later",
	KeyDrop:         "drop",
	KeyPane:         "topics / results",
	KeyTypeViews:    "type the views read on the phone",
	KeyTeam:         "who is here",
	KeyMinutes:      "minutes",
	KeyWriteMinutes: "write the file to send",
	KeyToggle:       "here / not here",
	KeyStart:        "start the meeting",
	KeyChoose:       "choose",
	KeyFeeds:        "read the feeds now",
	KeyBackAgenda:   "back",
}
