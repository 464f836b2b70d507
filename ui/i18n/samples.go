package i18n

import (
	"fmt"
	"time"
)

// SampleCity is the fictional town the sample week is written for; the
// desk writes the city of its settings in its place.
const SampleCity = "Valbourg"

// Sample is one post of the sample week, as the catalogue writes it.
type Sample struct {
	Title    string
	Body     string // in WhatsApp markup
	Link     string
	Category string // practical, service, alert or event
	Notes    string // the brief, in Markdown
	Status   string // the name of its status: idea, draft or ready
	Created  time.Time
}

// Samples is the sample week a new data file starts with: seven posts of
// the fictional town of Valbourg, in the desk's language, written as a
// community manager would (WhatsApp markup, a brief in the notes), at every
// stage from idea to ready. The desk marks them as samples so that one key
// removes them all. Their dates fall in the week of now, none after now.
func Samples(lang string, now time.Time) []Sample {
	week := weekStart(now)
	d := func(days int) time.Time { return week.AddDate(0, 0, days) }
	date := enDate
	texts := samplesEN
	if lang == "fr" {
		date, texts = frDate, samplesFR
	}
	elapsed := now.Sub(week)
	week7 := texts(date, d)
	posts := make([]Sample, len(week7))
	for i, s := range week7 {
		posts[i] = Sample{
			Title:    s.title,
			Body:     s.body,
			Link:     s.link,
			Category: s.category,
			Notes:    s.notes,
			Status:   s.status,
			// Spread over the part of the week already gone, oldest first.
			Created: week.Add(elapsed * time.Duration(i+1) / time.Duration(len(posts)+1)).Truncate(time.Second),
		}
	}
	return posts
}

// weekStart is midnight on the Monday of t's week, in t's time zone.
func weekStart(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7
	y, m, day := t.Date()
	return time.Date(y, m, day-back, 0, 0, 0, 0, t.Location())
}

type sample struct {
	title, body, link, category, notes string
	status                             string
}

var (
	frWeekdays = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths   = [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// frDate writes a day as French prose does: "lundi 1er décembre".
func frDate(t time.Time) string {
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %s", frWeekdays[t.Weekday()], day, frMonths[t.Month()-1])
}

// enDate writes a day in British style: "Monday 1 December".
func enDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s", t.Weekday(), t.Day(), t.Month())
}

// samplesFR and samplesEN take the date writer and the week's days (0 is
// this Monday) and return the week in the order it was written.
func samplesFR(date func(time.Time) string, d func(int) time.Time) []sample {
	return []sample{
		{
			title:    "Collecte des déchets : nouveaux jours",
			category: "practical",
			status:   "ready",
			link:     "https://www.valbourg.fr/dechets/collecte",
			body: fmt.Sprintf(`♻️ *Collecte des déchets : ça change à partir du %s*

Dans les quartiers _Nord_ et _Saint-Éloi_, la collecte des ordures ménagères passe du mardi au *mercredi*.
- Bacs à sortir la veille au soir
- Tri sélectif : jour inchangé (vendredi)
- Encombrants : sur rendez-vous au 03 84 00 12 34

Votre jour de collecte, rue par rue :`, date(d(7))),
			notes: `## Brief (réunion de mardi)
- **Angle** : pratique, une seule info par ligne
- **Source** : service Propreté, note du 12
- **Contact** : Sophie Lefèvre, poste 214

Relancer la veille du premier mercredi.`,
		},
		{
			title:    "Médiathèque : ouverte le dimanche 📚",
			category: "service",
			status:   "ready",
			link:     "https://www.valbourg.fr/mediatheque/horaires",
			body: fmt.Sprintf(`📚 *La médiathèque François-Mitterrand ouvre le dimanche !*

À partir du %s, elle vous accueille aussi le *dimanche de 14 h à 18 h*.
- Mardi au samedi : 10 h – 19 h
- Dimanche : 14 h – 18 h
- Fermée le lundi

_Prêt, retour et espace jeux vidéo aux mêmes horaires._`, date(d(6))),
			notes: `## Brief
- **Angle** : un service qui s'ouvre, ton enthousiaste
- **Source** : direction de la Culture
- **Contact** : Karim Benali, 03 84 00 45 10

Photo de la salle jeunesse demandée au service com.`,
		},
		{
			title:    "Piscine des Tilleuls fermée pour vidange",
			category: "service",
			status:   "draft",
			link:     "https://www.valbourg.fr/sport/piscine-des-tilleuls",
			body: fmt.Sprintf(`🏊 *Piscine des Tilleuls : fermeture technique*

La piscine sera fermée du *%s* au *%s* inclus pour sa vidange annuelle.

Pendant les travaux, les abonnés peuvent nager au centre aquatique de l'Agglo, sur présentation de leur carte.`, date(d(7)), date(d(20))),
			notes: `## Brief
- **Angle** : fermeture, proposer une solution de repli
- **Source** : service des Sports
- **À vérifier** : la date de réouverture (le 21 ?)`,
		},
		{
			title:    "Alerte tempête : vigilance orange vent 🌬️",
			category: "alert",
			status:   "ready",
			link:     "https://www.valbourg.fr/alertes/tempete",
			body: fmt.Sprintf(`⚠️ *Vigilance orange vent* 🌬️

Des rafales jusqu'à *110 km/h* sont attendues dans la nuit de %s à %s.
- Rentrez ou attachez tout ce qui peut s'envoler
- Évitez les parcs et les bords de la Bièvre
- Parcs, cimetières et marchés de plein air fermés %s

En cas d'urgence : 112.`, frWeekdays[d(3).Weekday()], frWeekdays[d(4).Weekday()], date(d(4))),
			notes: `## Brief
- **Source** : bulletin Météo-France de 6 h, arrêté du maire en cours
- **Contact** : astreinte, 06 12 34 56 78

Envoi immédiat dès validation, hors rythme de la semaine.`,
		},
		{
			title:    "Marché de Noël place de la Mairie 🎄",
			category: "event",
			status:   "draft",
			link:     "https://magazine.valbourg.fr/agenda/marche-de-noel",
			body: fmt.Sprintf(`🎄 *Le marché de Noël ouvre ses chalets !*

Rendez-vous place de la Mairie à partir du *%s*, tous les jours de 11 h à 20 h.
- 40 exposants, artisans de la région
- Patinoire gratuite pour les enfants
- Concert de la chorale _Les Voix de Valbourg_ le premier soir à 18 h

Le programme complet dans le magazine :`, date(d(5))),
			notes: `## Brief
- **Angle** : événement exceptionnel, donner envie
- **Sources** : comité des fêtes, service Commerce
- **Contact** : Élodie Moreau, communication

Vérifier l'horaire du concert avec la chorale.`,
		},
		{
			title:    "Travaux avenue Jean-Jaurès 🚧",
			category: "practical",
			status:   "draft",
			link:     "https://www.valbourg.fr/travaux/avenue-jean-jaures",
			body: fmt.Sprintf(`🚧 *Travaux avenue Jean-Jaurès*

Du *%s* au *%s*, la chaussée est refaite entre la gare et le rond-point des Tilleuls.
- Circulation alternée de 8 h à 17 h
- Ligne de bus 4 : arrêt _Jaurès_ déplacé rue Émile-Zola
- Accès maintenu pour les riverains et les secours`, date(d(8)), date(d(19))),
			notes: `## Brief
- **Angle** : pratique, itinéraire de déviation
- **Source** : services techniques, arrêté de circulation
- **Contact** : Sophie Lefèvre, poste 214`,
		},
		{
			title:    "Idée : qui déneige quoi cet hiver ?",
			category: "practical",
			status:   "idea",
			notes: `## Idée pour la réunion de mardi
- Trottoirs : obligation des riverains, rappel de l'arrêté
- Portrait d'un agent de la viabilité hivernale ?
- **Source** : services techniques

_À proposer avant les premières neiges._`,
		},
	}
}

func samplesEN(date func(time.Time) string, d func(int) time.Time) []sample {
	return []sample{
		{
			title:    "Waste collection: new days",
			category: "practical",
			status:   "ready",
			link:     "https://www.valbourg.fr/dechets/collecte",
			body: fmt.Sprintf(`♻️ *Waste collection changes from %s*

In the _North_ and _Saint-Éloi_ districts, household waste is now collected on *Wednesday* instead of Tuesday.
- Put your bins out the evening before
- Recycling: same day as before (Friday)
- Bulky items: by appointment on 03 84 00 12 34

Your collection day, street by street:`, date(d(7))),
			notes: `## Brief (Tuesday meeting)
- **Angle**: practical, one fact per line
- **Source**: Cleanliness department, memo of the 12th
- **Contact**: Sophie Lefèvre, ext. 214

Send a reminder the day before the first Wednesday.`,
		},
		{
			title:    "Library now open on Sundays 📚",
			category: "service",
			status:   "ready",
			link:     "https://www.valbourg.fr/mediatheque/horaires",
			body: fmt.Sprintf(`📚 *The François-Mitterrand library opens on Sundays!*

From %s, it also welcomes you on *Sundays from 2 pm to 6 pm*.
- Tuesday to Saturday: 10 am – 7 pm
- Sunday: 2 pm – 6 pm
- Closed on Mondays

_Borrowing, returns and the games room keep the same hours._`, date(d(6))),
			notes: `## Brief
- **Angle**: a new service, upbeat tone
- **Source**: Culture department
- **Contact**: Karim Benali, 03 84 00 45 10

Photo of the children's room requested from the press office.`,
		},
		{
			title:    "Tilleuls swimming pool closed for maintenance",
			category: "service",
			status:   "draft",
			link:     "https://www.valbourg.fr/sport/piscine-des-tilleuls",
			body: fmt.Sprintf(`🏊 *Tilleuls swimming pool: maintenance closure*

The pool is closed from *%s* to *%s* inclusive for its yearly draining.

Meanwhile, season ticket holders can swim at the county aquatic centre on showing their card.`, date(d(7)), date(d(20))),
			notes: `## Brief
- **Angle**: a closure, offer an alternative
- **Source**: Sports department
- **To check**: the reopening date (the 21st?)`,
		},
		{
			title:    "Storm warning: orange wind alert 🌬️",
			category: "alert",
			status:   "ready",
			link:     "https://www.valbourg.fr/alertes/tempete",
			body: fmt.Sprintf(`⚠️ *Orange wind warning* 🌬️

Gusts of up to *110 km/h* are expected on %s night.
- Bring in or tie down anything that could blow away
- Keep away from parks and the banks of the Bièvre
- Parks, cemeteries and open-air markets closed on %s

In an emergency: 112.`, d(3).Weekday(), date(d(4))),
			notes: `## Brief
- **Source**: Météo-France 6 am bulletin, mayor's order being signed
- **Contact**: on-call officer, 06 12 34 56 78

Send as soon as validated, outside the weekly rhythm.`,
		},
		{
			title:    "Christmas market on Town Hall square 🎄",
			category: "event",
			status:   "draft",
			link:     "https://magazine.valbourg.fr/agenda/marche-de-noel",
			body: fmt.Sprintf(`🎄 *The Christmas market opens its chalets!*

See you on Town Hall square from *%s*, every day from 11 am to 8 pm.
- 40 stalls from local craftspeople
- Free ice rink for children
- _Les Voix de Valbourg_ choir in concert on the first evening at 6 pm

The full programme is in the magazine:`, date(d(5))),
			notes: `## Brief
- **Angle**: a special event, make people want to come
- **Sources**: festivities committee, Trade department
- **Contact**: Élodie Moreau, communication

Check the concert time with the choir.`,
		},
		{
			title:    "Road works on avenue Jean-Jaurès 🚧",
			category: "practical",
			status:   "draft",
			link:     "https://www.valbourg.fr/travaux/avenue-jean-jaures",
			body: fmt.Sprintf(`🚧 *Road works on avenue Jean-Jaurès*

From *%s* to *%s*, the road is resurfaced between the station and the Tilleuls roundabout.
- Alternating traffic from 8 am to 5 pm
- Bus line 4: the _Jaurès_ stop moves to rue Émile-Zola
- Access kept for residents and emergency services`, date(d(8)), date(d(19))),
			notes: `## Brief
- **Angle**: practical, the detour
- **Source**: technical services, traffic order
- **Contact**: Sophie Lefèvre, ext. 214`,
		},
		{
			title:    "Idea: who clears the snow this winter?",
			category: "practical",
			status:   "idea",
			notes: `## Idea for Tuesday's meeting
- Pavements: residents' duty, remind them of the bylaw
- Profile of a winter road crew member?
- **Source**: technical services

_To pitch before the first snow._`,
		},
	}
}
