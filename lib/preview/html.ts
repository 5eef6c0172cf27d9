export { escapeHtml } from "@/lib/text";
