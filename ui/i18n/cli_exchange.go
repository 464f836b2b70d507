package i18n

// ExchangeText is what crieur import and crieur export say, and how they
// describe a line of a file they cannot read.
type ExchangeText struct {
	ImportSummary, ImportUsage, ExportSummary, ExportUsage string

	ImportArgs, ExportArgs, BadFormat string
	// BadLine is one problem of a file: the file, the line, the problem.
	BadLine  string
	BadLines Plural // the file; the count first
	Imported Plural
	// Stdin names the standard input in messages; ReadStdin is its error.
	Stdin, ReadStdin string
	// ProblemSep joins the problems of one line.
	ProblemSep string

	LineTooLong, NotUTF8, FieldNotUTF8, MoreThanOneValue    string
	NotAString, NotAnObject, MalformedJSON, EndsInsideValue string
	UnknownField                                            string
	// JSONKinds name the kinds of JSON value, as NotAString and
	// NotAnObject quote them.
	JSONKinds                                            map[string]string
	MalformedCSVHeader, MalformedCSV, UnknownColumn      string
	ColumnTwice                                          string
	CSVFields                                            Plural // the header's count second
	FieldTooLong, FieldControl, UnknownStatus, EmptyPost string
	BadDate, DateOutOfRange                              string

	// What an import says of a file it reads without holding it: the
	// problems past the first 20 (the file; the count first), the
	// statuses a file cannot prove, binary or endless input.
	MoreBadLines, MoreNotes           Plural
	NoteLine, AsReady, FailedAsReady  string
	InFlight, Binary, Refused         string
	InputTooLarge, RecordTooLarge     string
	Changed, SetAside                 string
	PictureTooLarge, PictureNotBase64 string
	PictureRefused                    string
}

var exchangeEN = ExchangeText{
	ImportSummary: "add posts from a JSON lines or CSV file",
	ImportUsage: `Usage: crieur import [--format jsonl|csv] FILE
       crieur import [--format jsonl|csv] -

Adds the posts of FILE (or of the standard input, with -) to the data file.

JSON lines: one JSON object per line. CSV: a header row naming the columns,
then one post per row. Either way the fields are

  title, body, link, category, status, notes, image, alt, created, picture

all optional; status defaults to idea, created to now, and created is a
date (2025-11-24), a local time (2025-11-24 09:30) or an RFC 3339 time
(2025-11-24T09:30:00+01:00). A .csv file is read as CSV, anything else as
JSON lines.

A file proves what a post says, not what the desk did with it: idea, draft,
ready and archived come in as they are; validated and planned come in as
ready, since their validation and slot are not in the file (a warning names
each such line); failed comes in as ready too; sent comes in as sent, for
the record, with nothing to send. A line whose status is sending or unknown,
a send whose outcome the file cannot tell, is refused.

picture is the image's bytes in base64, as crieur export writes it; without
it, image names a JPEG or PNG file, read when the post is imported (a file
that is not a picture gives the post a check naming it).

Every line is checked before anything is written: an unknown status, a bad
date, malformed JSON or CSV, a body over 64 KiB, a control character (other
than newline and tab) or a picture that is not a JPEG or PNG of at most 5 MB
is reported as FILE:LINE: message (the first 20, then how many more), and
then nothing is imported. A file that holds binary data is refused in one
line. Otherwise all the posts go in, or none: an import cut short is taken
back the next time the data file is opened. FILE must be a regular file of
at most 1 GiB; the standard input may be anything, up to 1 GiB.

  --format F   jsonl or csv, whatever the file's name
`,
	ExportSummary: "write the posts out as JSON lines or CSV",
	ExportUsage: `Usage: crieur export [--format jsonl|csv] [--status S]

Writes the posts, newest first, to the standard output, in the format that
crieur import reads back (fields title, body, link, category, status,
notes, image, alt, created, picture; picture is the image's bytes in
base64). Ids, revisions, validations, slots, sends, link cards and the
sample mark are not exported: an import makes new posts.

  --format F   jsonl (the default) or csv, with a header row
  --status S   only the posts with status S
`,
	ImportArgs: "import takes one FILE, or - for the standard input; run 'crieur import -h' for help",
	ExportArgs: "export takes no arguments (got %q); it writes to the standard output",
	BadFormat:  "--format %q; use jsonl or csv",
	BadLine:    "%s:%d: %s\n",
	BadLines:   Plural{One: "%[2]s: %[1]s bad line; nothing imported", Other: "%[2]s: %[1]s bad lines; nothing imported"},
	Imported:   Plural{One: "imported %s post", Other: "imported %s posts"},
	Stdin:      "stdin",
	ReadStdin:  "read the standard input: %w",
	ProblemSep: "; ",

	LineTooLong:      "line is %d bytes; a post may not be over %d",
	NotUTF8:          "not valid UTF-8",
	FieldNotUTF8:     "%s: not valid UTF-8",
	MoreThanOneValue: "malformed JSON: more than one value on the line",
	NotAString:       "%s must be a string, not a JSON %s",
	NotAnObject:      "each line must be a JSON object, not a JSON %s",
	MalformedJSON:    "malformed JSON: %s",
	EndsInsideValue:  "malformed JSON: the line ends inside a value",
	UnknownField:     "unknown field %s (the fields are %s)",
	JSONKinds: map[string]string{
		"number": "number", "array": "array", "object": "object", "bool": "bool", "string": "string",
	},
	MalformedCSVHeader: "malformed CSV header: %s",
	MalformedCSV:       "malformed CSV: %s",
	UnknownColumn:      "unknown column %q (the columns are %s)",
	ColumnTwice:        "column %q appears twice",
	CSVFields:          Plural{One: "%[1]s field, but the header names %[2]d", Other: "%[1]s fields, but the header names %[2]d"},
	FieldTooLong:       "%s is %d bytes; the limit is 64 KiB",
	FieldControl:       "%s holds the control character U+%04X",
	UnknownStatus:      "unknown status %q (use %s)",
	EmptyPost:          "empty post: no title, body, link or notes",
	BadDate:            "bad date %q in created (use 2025-11-24, 2025-11-24 09:30 or 2025-11-24T09:30:00+01:00)",
	DateOutOfRange:     "date %q in created is out of range (use a year from 1970 to 2261)",

	MoreBadLines:     Plural{One: "%[2]s: … and %[1]s more bad line", Other: "%[2]s: … and %[1]s more bad lines"},
	MoreNotes:        Plural{One: "%[2]s: … and %[1]s more post imported as ready", Other: "%[2]s: … and %[1]s more posts imported as ready"},
	NoteLine:         "%s:%d: %s",
	AsReady:          "%s in the file, imported as ready: its validation and slot are not in the file",
	FailedAsReady:    "failed in the file, imported as ready: its sends are not in the file",
	InFlight:         "status %s is a send whose outcome the file cannot tell; check the channel, then give the post the status sent or ready",
	Binary:           "this is not a JSON lines or CSV file: it holds binary data",
	Refused:          "%s: %s; nothing imported",
	InputTooLarge:    "the input is over 1 GiB; split it",
	RecordTooLarge:   "a record is over %d bytes (a quote left open?)",
	Changed:          "%s:%d: %s; the file changed while it was imported: nothing imported",
	SetAside:         "set the standard input aside: %v",
	PictureTooLarge:  "picture is %d bytes of base64; a picture may not be over 5 MB",
	PictureNotBase64: "picture is not base64",
	PictureRefused:   "picture: %s",
}

var exchangeFR = ExchangeText{
	ImportSummary: "ajoute des publications depuis un fichier JSON lines ou CSV",
	ImportUsage: `Usage : crieur import [--format jsonl|csv] FICHIER
        crieur import [--format jsonl|csv] -

Ajoute au fichier de données les publications de FICHIER (ou de l’entrée
standard, avec -).

JSON lines : un objet JSON par ligne. CSV : une ligne d’en-tête qui nomme
les colonnes, puis une publication par ligne. Dans les deux cas, les
champs sont

  title, body, link, category, status, notes, image, alt, created, picture

tous facultatifs ; status vaut idea par défaut, created l’instant présent,
et created est une date (2025-11-24), une heure locale (2025-11-24 09:30)
ou une heure RFC 3339 (2025-11-24T09:30:00+01:00). Un fichier .csv est lu
en CSV, tout autre en JSON lines.

Un fichier prouve ce que dit une publication, pas ce que le bureau en a
fait : idea, draft, ready et archived entrent tels quels ; validated et
planned entrent comme ready, leur validation et leur créneau n’étant pas
dans le fichier (un avertissement nomme chacune de ces lignes) ; failed
entre aussi comme ready ; sent entre comme sent, pour mémoire, sans rien à
envoyer. Une ligne au statut sending ou unknown, un envoi dont le fichier
ne peut dire l’issue, est refusée.

picture est le contenu de l’image en base64, tel que crieur export
l’écrit ; sans lui, image nomme un fichier JPEG ou PNG, lu à l’import (un
fichier qui n’est pas une image vaut à la publication une vérification qui
le nomme).

Chaque ligne est vérifiée avant toute écriture : un statut inconnu, une
date invalide, du JSON ou du CSV mal formé, un texte de plus de 64 Kio, un
caractère de contrôle (autre que le saut de ligne et la tabulation) ou une
image qui n’est pas un JPEG ou un PNG d’au plus 5 Mo est signalé sous la
forme FICHIER:LIGNE : message (les 20 premiers, puis combien d’autres), et
rien n’est alors importé. Un fichier qui contient des données binaires est
refusé en une ligne. Sinon toutes les publications entrent, ou aucune : un
import interrompu est défait à la prochaine ouverture du fichier de
données. FICHIER doit être un fichier ordinaire d’au plus 1 Gio ; l’entrée
standard peut être n’importe quoi, jusqu’à 1 Gio.

  --format F   jsonl ou csv, quel que soit le nom du fichier
`,
	ExportSummary: "écrit les publications en JSON lines ou en CSV",
	ExportUsage: `Usage : crieur export [--format jsonl|csv] [--status S]

Écrit les publications, les plus récentes d’abord, sur la sortie standard,
dans le format que crieur import relit (champs title, body, link,
category, status, notes, image, alt, created, picture ; picture est le
contenu de l’image en base64). Les identifiants, les révisions, les
validations, les créneaux, les envois, les aperçus de lien et la marque
d’exemple ne sont pas exportés : un import crée de
nouvelles publications.

  --format F   jsonl (par défaut) ou csv, avec une ligne d’en-tête
  --status S   seulement les publications au statut S
`,
	ImportArgs: "import prend un FICHIER, ou - pour l’entrée standard ; « crieur import -h » donne l’aide",
	ExportArgs: "export ne prend pas d’argument (reçu « %s ») : il écrit sur la sortie standard",
	BadFormat:  "--format « %s » : choisissez jsonl ou csv",
	BadLine:    "%s:%d : %s\n",
	BadLines:   Plural{One: "%[2]s : %[1]s ligne invalide ; rien n’a été importé", Other: "%[2]s : %[1]s lignes invalides ; rien n’a été importé"},
	Imported:   Plural{One: "%s publication importée", Other: "%s publications importées"},
	Stdin:      "entrée standard",
	ReadStdin:  "lecture de l’entrée standard : %w",
	ProblemSep: " ; ",

	LineTooLong:      "la ligne fait %d octets ; une publication ne peut dépasser %d",
	NotUTF8:          "pas de l’UTF-8 valide",
	FieldNotUTF8:     "%s : pas de l’UTF-8 valide",
	MoreThanOneValue: "JSON mal formé : plus d’une valeur sur la ligne",
	NotAString:       "%s doit être une chaîne, pas %s JSON",
	NotAnObject:      "chaque ligne doit être un objet JSON, pas %s JSON",
	MalformedJSON:    "JSON mal formé : %s",
	EndsInsideValue:  "JSON mal formé : la ligne s’arrête au milieu d’une valeur",
	UnknownField:     "champ inconnu %s (les champs sont %s)",
	JSONKinds: map[string]string{
		"number": "un nombre", "array": "un tableau", "object": "un objet", "bool": "un booléen", "string": "une chaîne",
	},
	MalformedCSVHeader: "en-tête CSV mal formé : %s",
	MalformedCSV:       "CSV mal formé : %s",
	UnknownColumn:      "colonne inconnue « %s » (les colonnes sont %s)",
	ColumnTwice:        "la colonne « %s » apparaît deux fois",
	CSVFields:          Plural{One: "%[1]s champ, mais l’en-tête en nomme %[2]d", Other: "%[1]s champs, mais l’en-tête en nomme %[2]d"},
	FieldTooLong:       "%s fait %d octets ; la limite est de 64 Kio",
	FieldControl:       "%s contient le caractère de contrôle U+%04X",
	UnknownStatus:      "statut inconnu « %s » (choisissez parmi %s)",
	EmptyPost:          "publication vide : ni titre, ni texte, ni lien, ni notes",
	BadDate:            "date invalide « %s » dans created (écrivez 2025-11-24, 2025-11-24 09:30 ou 2025-11-24T09:30:00+01:00)",
	DateOutOfRange:     "la date « %s » de created est hors limites (une année de 1970 à 2261)",

	MoreBadLines:     Plural{One: "%[2]s : … et %[1]s autre ligne invalide", Other: "%[2]s : … et %[1]s autres lignes invalides"},
	MoreNotes:        Plural{One: "%[2]s : … et %[1]s autre publication importée comme prête", Other: "%[2]s : … et %[1]s autres publications importées comme prêtes"},
	NoteLine:         "%s:%d : %s",
	AsReady:          "%s dans le fichier, importée comme prête : sa validation et son créneau ne sont pas dans le fichier",
	FailedAsReady:    "failed dans le fichier, importée comme prête : ses envois ne sont pas dans le fichier",
	InFlight:         "le statut %s est un envoi dont le fichier ne peut dire l’issue ; vérifiez la chaîne, puis donnez à la publication le statut sent ou ready",
	Binary:           "ce n’est pas un fichier JSON lines ou CSV : il contient des données binaires",
	Refused:          "%s : %s ; rien n’a été importé",
	InputTooLarge:    "l’entrée dépasse 1 Gio : découpez-la",
	RecordTooLarge:   "un enregistrement dépasse %d octets (un guillemet resté ouvert ?)",
	Changed:          "%s:%d : %s ; le fichier a changé pendant l’import : rien n’a été importé",
	SetAside:         "mise de côté de l’entrée standard : %v",
	PictureTooLarge:  "picture fait %d octets en base64 ; une image ne peut dépasser 5 Mo",
	PictureNotBase64: "picture n’est pas du base64",
	PictureRefused:   "picture : %s",
}
