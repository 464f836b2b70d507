package i18n

// ListText is what crieur list says. Its table speaks the desk's language
// (statuses and categories as the desk names them); list --json is for
// scripts and stays as the data file has it.
type ListText struct {
	Summary, Usage    string
	NoArgs, BadStatus string
	// Header names the table's columns: id, status, category, date, title.
	Header [5]string
}

var listEN = ListText{
	Summary: "list the posts, newest first",
	Usage: `Usage: crieur list [--status S] [--json]

Lists the posts, newest first, as a table: id, status, category, date (the
slot once a post is planned, else the day it was created, in the desk's
time zone) and title. Control characters in titles are shown escaped.

  --status S   only the posts with status S: idea, draft, ready, validated,
               planned, sending, sent, failed, unknown or archived
  --json       a JSON array of objects (id, status, category, title,
               created, updated, slot, sample, problems) for scripts
`,
	NoArgs:    "list takes no arguments (got %q); run 'crieur list -h' for help",
	BadStatus: "--status %q is not a status; use one of %s",
	Header:    [5]string{"ID", "STATUS", "CATEGORY", "DATE", "TITLE"},
}

var listFR = ListText{
	Summary: "liste les publications, les plus récentes d’abord",
	Usage: `Usage : crieur list [--status S] [--json]

Liste les publications, les plus récentes d’abord, en tableau : identifiant,
statut, catégorie, date (le créneau une fois la publication planifiée,
sinon le jour de sa création, dans le fuseau horaire du bureau) et titre.
Les caractères de contrôle des titres sont affichés échappés.

  --status S   seulement les publications au statut S : idea, draft,
               ready, validated, planned, sending, sent, failed, unknown
               ou archived
  --json       un tableau JSON d’objets (id, status, category, title,
               created, updated, slot, sample, problems) pour les scripts
`,
	NoArgs:    "list ne prend pas d’argument (reçu « %s ») ; « crieur list -h » donne l’aide",
	BadStatus: "--status « %s » n’est pas un statut : choisissez parmi %s",
	Header:    [5]string{"ID", "STATUT", "CATÉGORIE", "DATE", "TITRE"},
}
