package x12

// Tables mapping Latin letters with diacritics to plain capital ASCII
// letters, two bytes per code point (a letter and a space, or a digraph
// such as "AE"; two spaces where there is no Latin letter). They were
// generated from the Unicode character names ("LATIN SMALL LETTER E WITH
// ACUTE" gives "E") so that names such as José, Łukasz or Nguyễn reach the
// payer spelled the way its ASCII-only systems hold them.

// latinTable covers U+00C0..U+024F (Latin-1 letters, Latin Extended-A and -B).
const latinTable = "" +
	"A A A A A A AEC E E E E I I I I " + // U+00C0
	"D N O O O O O   O U U U U Y THSS" + // U+00D0
	"A A A A A A AEC E E E E I I I I " + // U+00E0
	"D N O O O O O   O U U U U Y THY " + // U+00F0
	"A A A A A A C C C C C C C C D D " + // U+0100
	"D D E E E E E E E E E E G G G G " + // U+0110
	"G G G G H H H H I I I I I I I I " + // U+0120
	"I I IJIJJ J K K K L L L L L L L " + // U+0130
	"L L L N N N N N N   N N O O O O " + // U+0140
	"O O OEOER R R R R R S S S S S S " + // U+0150
	"S S T T T T T T U U U U U U U U " + // U+0160
	"U U U U W W Y Y Y Z Z Z Z Z Z S " + // U+0170
	"B B B B     O C C   D D D   E E " + // U+0180
	"E F F G G HVI I K K L   M N N O " + // U+0190
	"O O OIOIP P       S   T T T T U " + // U+01A0
	"U U V Y Y Z Z Z     Z           " + // U+01B0
	"        DZD DZLJL LJNJN NJA A I " + // U+01C0
	"I O O U U U U U U U U U U E A A " + // U+01D0
	"A A AEAEG G G G K K O O O O Z Z " + // U+01E0
	"J DZD DZG G   W N N A A AEAEO O " + // U+01F0
	"A A A A E E E E I I I I O O O O " + // U+0200
	"R R R R U U U U S S T T Y Y H H " + // U+0210
	"N D OUOUZ Z A A E E O O O O O O " + // U+0220
	"O O Y Y L N T J DBQPA C C L T S " + // U+0230
	"Z     B   V E E J J Q Q R R Y Y " // U+0240

// latinAdditionalTable covers U+1E00..U+1EFF (Latin Extended Additional,
// which holds most Vietnamese letters).
const latinAdditionalTable = "" +
	"A A B B B B B B C C D D D D D D " + // U+1E00
	"D D D D E E E E E E E E E E F F " + // U+1E10
	"G G H H H H H H H H H H I I I I " + // U+1E20
	"K K K K K K L L L L L L L L M M " + // U+1E30
	"M M M M N N N N N N N N O O O O " + // U+1E40
	"O O O O P P P P R R R R R R R R " + // U+1E50
	"S S S S S S S S S S T T T T T T " + // U+1E60
	"T T U U U U U U U U U U V V V V " + // U+1E70
	"W W W W W W W W W W X X X X Y Y " + // U+1E80
	"Z Z Z Z Z Z H T W Y A S S S SS  " + // U+1E90
	"A A A A A A A A A A A A A A A A " + // U+1EA0
	"A A A A A A A A E E E E E E E E " + // U+1EB0
	"E E E E E E E E I I I I O O O O " + // U+1EC0
	"O O O O O O O O O O O O O O O O " + // U+1ED0
	"O O O O U U U U U U U U U U U U " + // U+1EE0
	"U U Y Y Y Y Y Y Y Y     V V Y Y " // U+1EF0
