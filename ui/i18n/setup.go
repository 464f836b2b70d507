package i18n

// SetupText is what the desk asks on its first run, and again when asked
// (the same form): who validates, the city and its channel, the domains
// links may point to, and the week's slots.
type SetupText struct {
	// Title heads the first run's form, TitleLater the same form opened
	// from the desk; Intro says what the answers are for.
	Title, TitleLater, Intro, IntroLater string
	// Each page of the form: its title.
	PagePeople, PageWeek string

	Name, NameHelp, NamePlaceholder          string
	City, CityHelp, CityPlaceholder          string
	Channel, ChannelHelp, ChannelPlaceholder string
	Domains, DomainsHelp, DomainsPlaceholder string
	Slots, SlotsHelp, SlotsPlaceholder       string

	// What an answer cannot be.
	BadText, BadDomain, NoSlot string

	// Keys.
	KeySetup, KeyNext, KeyPrev, KeyKeepDefaults, KeyLeave string
	HelpSetup                                             string

	// Saved is said once the answers are in the settings file.
	Saved string
}

var setupEN = SetupText{
	Title:      "First settings",
	TitleLater: "Desk settings",
	Intro:      "A few questions to set the desk up. esc keeps the defaults; everything can change later (s on the backlog, or the settings file).",
	IntroLater: "The answers go into the settings file; its other lines and comments stay as they are.",
	PagePeople: "You and the city",
	PageWeek:   "Links and the week",

	Name:               "Your name",
	NameHelp:           "Recorded when you validate a post; the first member of the team.",
	NamePlaceholder:    "Camille Durand",
	City:               "City",
	CityHelp:           "The city's name, as the posts say it.",
	CityPlaceholder:    "Valbourg",
	Channel:            "WhatsApp channel",
	ChannelHelp:        "Its name, as followers see it.",
	ChannelPlaceholder: "Ville de Valbourg",
	Domains:            "Link domains",
	DomainsHelp:        "Where links may point: the city's site, its magazine… separated by commas.",
	DomainsPlaceholder: "valbourg.fr, magazine-valbourg.fr",
	Slots:              "The week's slots",
	SlotsHelp:          "A day and a time each, separated by commas.",
	SlotsPlaceholder:   "tuesday 09:00, thursday 12:00, saturday 10:00",

	BadText:   "no control characters, please",
	BadDomain: "%q is not a domain: write it alone, as valbourg.fr",
	NoSlot:    "at least one slot, as tuesday 09:00",

	KeySetup:        "desk settings (name, city, links, slots)",
	KeyNext:         "next question",
	KeyPrev:         "previous question",
	KeyKeepDefaults: "keep the defaults",
	KeyLeave:        "leave without changing anything",
	HelpSetup:       "Settings",

	Saved: "Settings saved in %s.",
}

var setupFR = SetupText{
	Title:      "Premiers réglages",
	TitleLater: "Réglages du bureau",
	Intro:      "Quelques questions pour préparer le bureau. échap garde les valeurs par défaut ; tout se change plus tard (s dans le carnet, ou le fichier des réglages).",
	IntroLater: "Les réponses vont dans le fichier des réglages ; ses autres lignes et ses commentaires restent tels quels.",
	PagePeople: "Vous et la ville",
	PageWeek:   "Liens et semaine",

	Name:               "Votre nom",
	NameHelp:           "Enregistré quand vous validez une publication ; premier membre de l’équipe.",
	NamePlaceholder:    "Camille Durand",
	City:               "Nom de la ville",
	CityHelp:           "Le nom de la ville, tel que les publications le disent.",
	CityPlaceholder:    "Valbourg",
	Channel:            "Chaîne WhatsApp",
	ChannelHelp:        "Son nom, tel que les abonnés le voient.",
	ChannelPlaceholder: "Ville de Valbourg",
	Domains:            "Domaines des liens",
	DomainsHelp:        "Où les liens peuvent mener : le site de la ville, son magazine… séparés par des virgules.",
	DomainsPlaceholder: "valbourg.fr, magazine-valbourg.fr",
	Slots:              "Créneaux de la semaine",
	SlotsHelp:          "Un jour et une heure chacun, séparés par des virgules.",
	SlotsPlaceholder:   "mardi 09:00, jeudi 12:00, samedi 10:00",

	BadText:   "sans caractère de contrôle, s’il vous plaît",
	BadDomain: "« %s » n’est pas un domaine : écrivez-le seul, comme valbourg.fr",
	NoSlot:    "au moins un créneau, comme mardi 09:00",

	KeySetup:        "réglages du bureau (nom, ville, liens, créneaux)",
	KeyNext:         "question suivante",
	KeyPrev:         "question précédente",
	KeyKeepDefaults: "garder les valeurs par défaut",
	KeyLeave:        "quitter sans rien changer",
	HelpSetup:       "Réglages",

	Saved: "Réglages enregistrés dans %s.",
}
