package i18n

// PreviewText is what crieur preview says. A check's code (link-missing,
// read-more, …) stays as it is: scripts may look for it.
type PreviewText struct {
	Summary, Usage string

	IDAndFile, FileNeedsName, OneID, BadWidth, BadTheme string
	// CheckError and CheckWarning frame one check: its code, then what
	// it means and what it found.
	CheckError, CheckWarning, CheckDetail string
	ChecksFailed                          Plural

	EmptyID, NoDataForID, NoSuchID string
	Ambiguous                      Plural // the count first, then the id, the ids shown and "…"

	FileTooBig, FileNotUTF8, FileEmpty, FileTwoValues, FileProblems string
	FileOver, FileBinary                                            string
}

var previewEN = PreviewText{
	Summary: "print a post's phone preview and its checks",
	Usage: `Usage: crieur preview [--width N] [--theme light|dark] [--expand] ID
       crieur preview [--width N] [--theme light|dark] [--expand] --file FILE

Prints the phone preview of a post, as the desk draws it: the message that
would go out now, in the channel's frame, then what the checks found, one
line each, errors first:

  error: link-missing: no link
  warning: read-more: cut by “Read more”: 812/700

ID is a post's id as crieur list shows it, or the start of one, in any case,
as long as no other post's id starts the same way. With --file the post is
read from FILE instead: one JSON object with the fields of a line of crieur
import (title, body, link, category, image, alt, notes, status, created),
checked as import checks it; --file - reads the standard input. The data
file is then neither opened nor created.

On a terminal the preview is in colour. When the output is not a terminal,
or NO_COLOR is set, it is plain text without a single escape sequence, and
every line of the frame is exactly N cells wide. An image that cannot be
read is drawn as a box with its alt text, as on the desk.

Exit status: 0 when no check found an error; 1 when one did (the preview
is printed all the same, so a script can gate on it) or when the post could
not be read; 2 for a command line crieur does not understand.

  --width N      the phone's width in cells, 20 to 80 (default: the
                 preview.width setting)
  --theme T      the phone's theme, dark (the default) or light
  --expand       the whole text, as after pressing “Read more”
  --file FILE    the post in FILE, or on the standard input with -
`,
	IDAndFile:     "preview takes an ID or --file FILE, not both; run 'crieur preview -h' for help",
	FileNeedsName: "--file needs a FILE, or - for the standard input",
	OneID:         "preview takes one post ID, or --file FILE; run 'crieur preview -h' for help",
	BadWidth:      "--width is %d; use %d to %d",
	BadTheme:      "--theme is %q; use light or dark",
	CheckError:    "error: %s",
	CheckWarning:  "warning: %s",
	CheckDetail:   ": %s",
	ChecksFailed: Plural{
		One:   "a check found an error: the post cannot be validated as it is",
		Other: "%s checks found errors: the post cannot be validated as it is",
	},
	EmptyID:     "the post ID is empty; run 'crieur list' to see the ids",
	NoDataForID: "there is no data file at %s yet: no post %q",
	NoSuchID:    "no post's id starts with %q in %s; run 'crieur list' to see the ids",
	Ambiguous: Plural{
		One:   "%[2]q is the start of %[1]s post's id (%[3]s%[4]s); give more of the id",
		Other: "%[2]q is the start of %[1]s posts' ids (%[3]s%[4]s); give more of the id",
	},
	FileTooBig:    "%s is %d bytes; a post may not be over %d",
	FileNotUTF8:   "%s: not valid UTF-8",
	FileEmpty:     "%s is empty: give one post as a JSON object (%s)",
	FileTwoValues: "%s holds more than one JSON value; preview takes one post",
	FileProblems:  "%s: %s",
	FileOver:      "%s is over %d bytes; a post may not be over %d",
	FileBinary:    "%s holds binary data; preview takes one post as a JSON object (%s)",
}

var previewFR = PreviewText{
	Summary: "affiche l’aperçu téléphone d’une publication et ses vérifications",
	Usage: `Usage : crieur preview [--width N] [--theme light|dark] [--expand] ID
        crieur preview [--width N] [--theme light|dark] [--expand] --file FICHIER

Affiche l’aperçu téléphone d’une publication, comme le bureau le dessine :
le message qui partirait maintenant, dans le cadre de la chaîne, puis ce
qu’ont trouvé les vérifications, une ligne chacune, les erreurs d’abord :

  erreur : link-missing : pas de lien
  avertissement : read-more : coupé par « Lire la suite » : 812/700

ID est l’identifiant d’une publication tel que crieur list l’affiche, ou
son début, en majuscules ou minuscules, tant qu’aucun autre identifiant ne
commence de la même façon. Avec --file, la publication est lue dans
FICHIER : un objet JSON avec les champs d’une ligne de crieur import
(title, body, link, category, image, alt, notes, status, created), vérifié
comme import le vérifie ; --file - lit l’entrée standard. Le fichier de
données n’est alors ni ouvert ni créé.

Dans un terminal, l’aperçu est en couleur. Quand la sortie n’est pas un
terminal, ou que NO_COLOR est défini, c’est du texte brut sans la moindre
séquence d’échappement, et chaque ligne du cadre fait exactement N cases
de large. Une image illisible est dessinée comme une boîte avec son texte
alternatif, comme dans le bureau.

Code de sortie : 0 quand aucune vérification n’a trouvé d’erreur ; 1 quand
l’une en a trouvé (l’aperçu est affiché quand même, un script peut donc
s’en servir de garde) ou quand la publication n’a pas pu être lue ; 2 pour
une ligne de commande que crieur ne comprend pas.

  --width N        la largeur du téléphone en cases, de 20 à 80 (par
                   défaut : le réglage preview.width)
  --theme T        le thème du téléphone, dark (sombre, par défaut) ou
                   light (clair)
  --expand         tout le texte, comme après « Lire la suite »
  --file FICHIER   la publication de FICHIER, ou de l’entrée standard avec -
`,
	IDAndFile:     "preview prend un ID ou --file FICHIER, pas les deux ; « crieur preview -h » donne l’aide",
	FileNeedsName: "--file attend un FICHIER, ou - pour l’entrée standard",
	OneID:         "preview prend un ID de publication, ou --file FICHIER ; « crieur preview -h » donne l’aide",
	BadWidth:      "--width vaut %d : choisissez de %d à %d",
	BadTheme:      "--theme vaut « %s » : choisissez light ou dark",
	CheckError:    "erreur : %s",
	CheckWarning:  "avertissement : %s",
	CheckDetail:   " : %s",
	ChecksFailed: Plural{
		One:   "%s vérification a trouvé une erreur : la publication ne peut pas être validée telle quelle",
		Other: "%s vérifications ont trouvé des erreurs : la publication ne peut pas être validée telle quelle",
	},
	EmptyID:     "l’ID de la publication est vide ; « crieur list » montre les identifiants",
	NoDataForID: "pas encore de fichier de données à %s : pas de publication « %s »",
	NoSuchID:    "aucun identifiant ne commence par « %s » dans %s ; « crieur list » montre les identifiants",
	Ambiguous: Plural{
		One:   "« %[2]s » est le début de l’identifiant de %[1]s publication (%[3]s%[4]s) ; donnez-en davantage",
		Other: "« %[2]s » est le début des identifiants de %[1]s publications (%[3]s%[4]s) ; donnez-en davantage",
	},
	FileTooBig:    "%s fait %d octets ; une publication ne peut dépasser %d",
	FileNotUTF8:   "%s : pas de l’UTF-8 valide",
	FileEmpty:     "%s est vide : donnez une publication sous forme d’objet JSON (%s)",
	FileTwoValues: "%s contient plus d’une valeur JSON ; preview prend une seule publication",
	FileProblems:  "%s : %s",
	FileOver:      "%s dépasse %d octets ; une publication ne peut dépasser %d",
	FileBinary:    "%s contient des données binaires ; preview prend une seule publication, un objet JSON (%s)",
}
