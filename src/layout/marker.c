/* marker.c — list markers from list-style-type and li::marker (CSS Lists 3
 * §3, Pseudo-Elements 4 §3.2).  See lay.h. */
#include "lay.h"

#include <stdio.h>

void lay_list_marker(fo_lay *L, const fo_elem *li, const fo_style *li_style,
                     int number, const char *bullet, bool task)
{
    fo_style ms;
    fo_style_compute_pseudo(L->sheet, li, FO_PSEUDO_MARKER, li_style, &ms);
    L->marker.style = ms;
    if (ms.content && !task) {
        /* counter(list-item) is the item's number (Lists 3 §4.4) */
        if (number > 0)
            lay_gen_set(&L->gen, "list-item", number);
        char *t = lay_gen_text(&L->gen, ms.content, NULL, NULL);
        snprintf(L->marker.text, sizeof L->marker.text, "%s", t);
        g_free(t);
        return;
    }
    fo_list_style type = li_style->list_style_type;
    if (task || (type == FO_LIST_DISC && number == 0)) {
        snprintf(L->marker.text, sizeof L->marker.text, "%s", bullet);
        return;
    }
    if (number > 0 && type == FO_LIST_DISC)
        type = FO_LIST_DECIMAL;
    char buf[24];
    fo_counter_format(number > 0 ? number : 1, type, buf, sizeof buf);
    bool bullet_type = type == FO_LIST_DISC || type == FO_LIST_CIRCLE ||
                       type == FO_LIST_SQUARE || type == FO_LIST_NONE;
    snprintf(L->marker.text, sizeof L->marker.text, "%s%s", buf,
             bullet_type || !buf[0] ? "" : ".");
}
