// Package storetest fills data files with realistic posts for the tests and
// benchmarks of every package: the same posts for the same numbers, so that
// figures measured on different days compare.
package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crieur/store"
)

// Now is the fixed instant Populate writes from; a benchmark passes it as
// the desk's clock so that dates and weeks do not move between runs.
func Now() time.Time {
	return time.Date(2025, time.November, 24, 10, 0, 0, 0, time.FixedZone("CET", 3600))
}

// batch is how many posts go into one transaction: big enough that
// 100,000 posts take a few transactions, small enough that one
// transaction's dirty pages stay a few tens of megabytes.
const batch = 10_000

// Populate creates the data file at path with n posts (Post(0, Now()) to
// Post(n-1, Now())), through the store's own Import so that the file is
// exactly what the desk writes.
func Populate(tb testing.TB, path string, n int) {
	tb.Helper()
	now := Now()
	st, err := store.Open(path, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		tb.Fatalf("populate %s: %v", path, err)
	}
	defer st.Close()
	posts := make([]store.Post, 0, min(n, batch))
	for i := 0; i < n; i++ {
		posts = append(posts, Post(i, now))
		if len(posts) == batch || i == n-1 {
			if _, err := st.Import(posts, store.RevImport); err != nil {
				tb.Fatalf("populate %s: %v", path, err)
			}
			posts = posts[:0]
		}
	}
}

// Post returns the i-th post of the generated channel: created i times
// seven minutes before now (so 100,000 posts span about a year and a
// half), with a French title, a body of 400 to 1,500 characters in
// WhatsApp markup, a category and a status spread as on a real desk.
func Post(i int, now time.Time) store.Post {
	r := rng(uint64(i)*0x9E3779B97F4A7C15 + 1)
	subject := subjects[r.n(len(subjects))]
	place := places[r.n(len(places))]
	day := days[r.n(len(days))]
	p := store.Post{
		Title:    fmt.Sprintf("%s — %s, %s", subject.title, place, day),
		Category: subject.category,
		Status:   status(r.n(100)),
		Author:   "Camille Martin",
		Created:  now.Add(-time.Duration(i) * 7 * time.Minute),
	}
	if p.Status == store.StatusArchived {
		p.Before = store.StatusSent
	}
	if p.Status != store.StatusIdea || r.n(3) == 0 {
		p.Body = body(&r, subject, place, day, 400+r.n(1100))
		p.Link = fmt.Sprintf("https://%s/actualites/%s-%d", sites[r.n(len(sites))], subject.slug, i)
	}
	if r.n(3) == 0 || p.Status == store.StatusIdea {
		p.Notes = fmt.Sprintf("## Brief\n- angle : %s\n- source : %s\n- contact : %s\n",
			angles[r.n(len(angles))], sources[r.n(len(sources))], contacts[r.n(len(contacts))])
	}
	if r.n(8) == 0 {
		p.Image = fmt.Sprintf("images/%s-%d.jpg", subject.slug, i)
		p.Alt = fmt.Sprintf("%s, %s", place, strings.ToLower(subject.title))
	}
	if r.n(20) == 0 {
		p.Problems = 1 + r.n(3)
	}
	return p
}

// status spreads the statuses as a desk a year old has them: most posts
// sent, a working set of ideas, drafts and posts in validation.
func status(pct int) store.Status {
	switch {
	case pct < 45:
		return store.StatusSent
	case pct < 55:
		return store.StatusArchived
	case pct < 65:
		return store.StatusIdea
	case pct < 78:
		return store.StatusDraft
	case pct < 85:
		return store.StatusReady
	case pct < 91:
		return store.StatusValidated
	case pct < 97:
		return store.StatusPlanned
	case pct < 99:
		return store.StatusFailed
	default:
		return store.StatusUnknown
	}
}

func body(r *rng, s subject, place, day string, size int) string {
	var b strings.Builder
	b.Grow(2 * size)
	chars := 0
	write := func(format string, a ...any) {
		text := fmt.Sprintf(format, a...)
		b.WriteString(text)
		chars += utf8.RuneCountInString(text)
	}
	write("%s *%s* — %s\n\n", s.emoji, s.title, place)
	write("_%s_, %s", strings.ToUpper(day[:1])+day[1:], s.lead)
	for chars < size-40 {
		if r.n(4) == 0 {
			write("\n")
			for range 2 + r.n(3) {
				write("\n- %s", details[r.n(len(details))])
			}
			write("\n\n%s", sentences[r.n(len(sentences))])
		} else {
			write(" %s", sentences[r.n(len(sentences))])
		}
	}
	write("\n\nPlus d'informations sur le site de la ville.")
	return b.String()
}

// rng is a small deterministic generator (splitmix64): the same i gives
// the same post on every machine.
type rng uint64

func (r *rng) n(k int) int {
	*r += 0x9E3779B97F4A7C15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	z ^= z >> 31
	return int(z % uint64(k))
}

type subject struct {
	title, slug, category, emoji, lead string
}

var subjects = []subject{
	{"Collecte des déchets décalée", "collecte-dechets", "practical", "♻️", "la collecte des ordures ménagères est décalée d'une journée."},
	{"Nouveaux horaires de la médiathèque", "mediatheque-horaires", "service", "📚", "la médiathèque élargit ses horaires d'ouverture."},
	{"Fermeture de la piscine", "piscine-fermeture", "service", "🏊", "la piscine ferme pour sa vidange annuelle."},
	{"Alerte tempête", "alerte-tempete", "alert", "🌬️", "Météo-France place le département en vigilance orange vent."},
	{"Marché de Noël", "marche-noel", "event", "🎄", "le marché de Noël s'installe avec une soixantaine d'exposants."},
	{"Travaux de voirie", "travaux-voirie", "practical", "🚧", "des travaux de réfection de la chaussée commencent."},
	{"Coupure d'eau programmée", "coupure-eau", "alert", "⚠️", "une coupure d'eau est prévue pour le remplacement d'une canalisation."},
	{"Inscriptions à l'école maternelle", "inscriptions-ecole", "service", "🏫", "les inscriptions pour la rentrée prochaine sont ouvertes."},
	{"Fête de la musique", "fete-musique", "event", "🎶", "concerts gratuits dans toute la ville jusqu'à minuit."},
	{"Réunion publique sur le PLU", "reunion-plu", "event", "🗣️", "les habitants sont invités à donner leur avis sur le plan local d'urbanisme."},
	{"Vigilance canicule", "canicule", "alert", "🌡️", "le plan canicule est déclenché, les lieux rafraîchis sont ouverts."},
	{"Déviation de la ligne de bus 4", "deviation-bus", "practical", "🚌", "la ligne 4 est déviée pendant la durée du chantier."},
}

var places = []string{
	"École Paul-Éluard", "médiathèque François-Mitterrand", "piscine des Tilleuls",
	"rue Émile-Zola", "place de la Mairie", "gymnase Jean-Bouin", "parc de la Bièvre",
	"quartier Saint-Éloi", "crèche Les Écureuils", "théâtre de Valbourg", "avenue Jean-Jaurès",
	"salle des fêtes André-Malraux", "marché couvert", "cimetière du Père-Éternel",
}

var days = []string{
	"lundi 3 mars", "mardi 11 février", "mercredi 18 juin", "jeudi 2 octobre",
	"vendredi 12 décembre", "samedi 21 juin", "dimanche 7 septembre", "mercredi 5 novembre",
}

var sites = []string{"www.valbourg.fr", "magazine.valbourg.fr"}

var sentences = []string{
	"Les services municipaux restent joignables par téléphone du lundi au vendredi, de 8 h 30 à 17 h 30.",
	"Merci de votre compréhension pour la gêne occasionnée pendant cette période.",
	"Le stationnement sera interdit sur les places concernées, un fléchage indiquera les itinéraires conseillés.",
	"Les personnes âgées ou isolées peuvent se signaler au CCAS pour être accompagnées.",
	"L'accès reste possible pour les riverains, les secours et les livraisons.",
	"Pensez à sortir vos bacs la veille au soir et à les rentrer après le passage du camion.",
	"Les enfants de moins de 12 ans doivent être accompagnés d'un adulte.",
	"L'entrée est libre et gratuite, dans la limite des places disponibles.",
	"Un point d'information sera installé devant l'hôtel de ville pendant toute la durée de l'opération.",
	"Les horaires habituels reprendront dès la fin des travaux, prévue sous trois semaines.",
	"Évitez les déplacements inutiles et ne vous abritez pas sous les arbres.",
	"Le programme complet est disponible à l'accueil de la mairie et dans le magazine municipal.",
	"Les élus du quartier tiendront une permanence sur place le samedi matin.",
	"La ville remercie les bénévoles et les associations qui rendent cet événement possible.",
}

var details = []string{
	"*Quand* : de 9 h à 18 h",
	"*Où* : entrée par la rue des Écoles",
	"*Pour qui* : tous les habitants, sans inscription",
	"*Contact* : 01 23 45 67 89",
	"_Accessible aux personnes à mobilité réduite_",
	"*Tarif* : gratuit",
}

var angles = []string{"sécurité des enfants", "continuité du service public", "vie de quartier", "prévention", "calendrier des travaux"}
var sources = []string{"services techniques", "Météo-France", "direction de la culture", "communiqué de la préfecture", "cabinet du maire"}
var contacts = []string{"Sophie Lefèvre, services techniques, poste 214", "Karim Benali, culture", "accueil de la mairie", "Élodie Moreau, communication"}
