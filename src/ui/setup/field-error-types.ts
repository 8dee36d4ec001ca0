/** An error as one field sees it. */
export interface FieldError {
  /** The id of the element holding the message (for aria-describedby). */
  id: string;
  message: string;
  /** Whether the message is shown beside this field (else it is shown beside the field it names). */
  here: boolean;
}
