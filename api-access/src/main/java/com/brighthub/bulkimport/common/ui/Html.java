package com.brighthub.bulkimport.common.ui;

/**
 * The few pages the shared sign-in and the access rules draw themselves (sign-in, refused, expired), in the
 * same shell and style sheet as the services' own pages. Everything put into a page goes through
 * {@link #escape}.
 */
public final class Html {

    private Html() {
    }

    /** Text made safe to put into HTML, text or attribute. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code title} as text, {@code body} as HTML that is already escaped. */
    public static String page(String title, String body) {
        return page(title, "", body);
    }

    /** A page saying what is wrong ({@code message}, as text), with the way back to the practice. */
    public static String problem(String title, String message) {
        return page(title, "<p class=\"problem\" role=\"alert\">" + escape(message) + "</p>"
                + "<p><a href=\"/ui/\">Back to your practice</a></p>");
    }

    /**
     * A page that moves the browser on to {@code path} (one of these pages) by itself: after a session was
     * handed over from BrightHub's site, this page's own navigation is same-site, so the SameSite=Strict
     * session goes with it (a redirect straight from BrightHub's post would still count as cross-site).
     */
    public static String continueTo(String path) {
        String url = escape(path);
        return page("Signing in", "<meta http-equiv=\"refresh\" content=\"0;url=" + url + "\">",
                "<p>Signed in. <a href=\"" + url + "\">Continue</a></p>");
    }

    private static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + head
                + "<title>" + escape(title) + " · BrightHub bulk import</title>"
                + "<link rel=\"stylesheet\" href=\"/ui/assets/bright.css\"></head><body>"
                + "<header class=\"top\"><span class=\"brand\">BrightHub</span> <span>Bulk client import</span></header>"
                + "<main id=\"main\"><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }
}
